using System.Globalization;
using Refunds.Domain.Common;

namespace Refunds.Storage.Ledger;

/// <summary>
/// Every kind of row shares one partition per organization, told apart by a key prefix. Ids are checked against
/// <see cref="Ids"/> so a key can never contain the '|' separator or anything the service refuses.
/// </summary>
internal static class RowKeys
{
    public static string Payment(string paymentId) => "payment|" + Checked(paymentId, nameof(paymentId));

    public static string Invoice(string invoiceId) => "invoice|" + Checked(invoiceId, nameof(invoiceId));

    public const string CreditMemoPrefix = "creditmemo|";

    public static string CreditMemo(string creditMemoId) => CreditMemoPrefix + Checked(creditMemoId, nameof(creditMemoId));

    /// <summary>One row per organization.</summary>
    public const string Settings = "settings";

    /// <summary>Which payment of the organization holds an Intacct AR payment.</summary>
    public static string ArPaymentClaim(string arPaymentKey) => "arpayment|" + Checked(arPaymentKey, nameof(arPaymentKey));

    public static string Workflow(string refundId) => "workflow|" + Checked(refundId, nameof(refundId));

    /// <summary>Zero-padded so that the key order is the sequence order.</summary>
    public static string History(string refundId, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        return HistoryPrefix(refundId) + sequence.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string HistoryPrefix(string refundId) => "history|" + Checked(refundId, nameof(refundId)) + "|";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> ('}' follows '|').</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + "}";

    public static string Partition(string organizationId) => Checked(organizationId, nameof(organizationId));

    private static string Checked(string id, string name) =>
        Ids.IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a valid id (letters, digits, '_' and '-', at most {Ids.MaxLength}).", name);
}
