namespace Refunds.Intacct.Xml;

internal static class IntacctErrors
{
    /// <summary>Only says the transaction was rolled back; the cause is reported beside it.</summary>
    public const string RolledBack = "XL03000009";

    /// <summary>Gateway throttling: too many requests for the company.</summary>
    public const string Throttled = "GW-0010";

    private const string DuplicateControlIdText = "already been recorded with the control id";

    public static bool IsDuplicateControlId(IntacctError error) =>
        Contains(error.Description, DuplicateControlIdText) || Contains(error.Description2, DuplicateControlIdText);

    public static bool IsThrottled(IntacctError error) => string.Equals(error.Number, Throttled, StringComparison.OrdinalIgnoreCase);

    /// <summary>The error that explains a failure: the first one that is not the rollback notice.</summary>
    public static IntacctError? Primary(IEnumerable<IntacctError> errors)
    {
        var list = errors.ToList();
        return list.FirstOrDefault(e => !string.Equals(e.Number, RolledBack, StringComparison.OrdinalIgnoreCase)) ?? list.FirstOrDefault();
    }

    public static string Describe(IntacctError error)
    {
        var text = string.Join(": ", new[] { error.Description, error.Description2 }.Where(s => s.Length > 0));
        if (text.Length == 0)
        {
            text = "(no description)";
        }

        return error.Correction.Length > 0 ? $"{text} Correction: {error.Correction}" : text;
    }

    public static string Summarize(IEnumerable<IntacctError> errors)
    {
        var text = string.Join("; ", errors.Select(e => $"{e.Number} {Describe(e)}"));
        return text.Length > 0 ? text : "no error details";
    }

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
