using System.Globalization;

namespace Refunds.IntacctStandIn;

/// <summary>
/// One &lt;error&gt; of an Intacct answer. XL03000006, XL03000009 and GW-0010 are Intacct's numbers; the BL numbers of
/// the reversal errors are the stand-in's own (Intacct's are not documented per function), in Intacct's format.
/// </summary>
public sealed record StandInError(string ErrorNo, string Description, string Description2, string Correction)
{
    public static StandInError RolledBack { get; } =
        new("XL03000009", "", "The entire transaction in this operation has been rolled back due to an error.", "");

    public static StandInError Throttled { get; } =
        new("GW-0010", "Too many requests", "The company has too many requests in progress.", "Wait and send the request again.");

    public static StandInError InvalidSender { get; } =
        new("XL03000006", "Incorrect Intacct XML Partner ID or password.", "", "");

    public static StandInError InvalidLogin { get; } =
        new("XL03000006", "Sign-in information is incorrect. Please check your request.", "", "");

    public static StandInError InvalidSession { get; } =
        new("XL03000006", "Invalid session", "The session is expired or unknown.", "Open a new session with getAPISession.");

    public static StandInError UnknownArPayment(string key) =>
        new("BL03000018", "Could not reverse the payment", $"No AR payment with RECORDNO {key} exists.", "Use the RECORDNO of an existing AR payment.");

    public static StandInError AlreadyReversed(string key) =>
        new("BL03000125", "Could not reverse the payment", $"The AR payment {key} has already been reversed.", "");

    public static StandInError ClosedPeriod(DateOnly closedThrough) =>
        new("BL03000136", "Could not reverse the payment",
            $"The reversal date falls in a closed period: Accounts Receivable is closed through {Us(closedThrough)}.",
            "Use a reversal date in an open period.");

    public static StandInError BeforePaymentDate(DateOnly paymentDate) =>
        new("BL03000147", "Could not reverse the payment",
            $"The reversal date cannot be earlier than the payment date {Us(paymentDate)}.",
            "Use a reversal date on or after the payment date.");

    /// <summary>What <see cref="IntacctStandIn.FailNextReversal"/> answers unless told otherwise: a business error, once.</summary>
    public static StandInError RefusedOnce { get; } =
        new("BL03000999", "Could not reverse the payment", "The stand-in was told to refuse this reversal.", "Send the reversal again: the stand-in refuses it only once.");

    public static StandInError DuplicateControlId(string controlId) =>
        new("XL03000010", "", $"A successful transaction has already been recorded with the control id {controlId}.", "");

    public static StandInError Malformed(string detail) =>
        new("XL03000003", "XML could not be parsed or does not follow the DTD", detail, "");

    internal static string Us(DateOnly date) => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
}
