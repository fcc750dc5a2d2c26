using Refunds.Domain.Organizations;

namespace Refunds.Http.Features.Sync;

/// <param name="ExportsToIntacct">Whether the organization's payments are exported to Sage Intacct; absent means false.</param>
public sealed record SettingsBody(string? RefundRecording, bool ExportsToIntacct)
{
    private static readonly Dictionary<string, RefundRecording> Recordings = new(StringComparer.Ordinal)
    {
        ["payment"] = Domain.Organizations.RefundRecording.Payment,
        ["credit_memo"] = Domain.Organizations.RefundRecording.CreditMemo,
    };

    public static string TextOf(RefundRecording recording) => Recordings.First(r => r.Value == recording).Key;

    public (RefundRecording? Recording, Dictionary<string, string[]> Errors) Parse()
    {
        var errors = new Dictionary<string, string[]>();
        if (RefundRecording is null || !Recordings.TryGetValue(RefundRecording, out var recording))
        {
            errors["refundRecording"] = [$"refundRecording must be one of {string.Join(", ", Recordings.Keys)}."];
            return (null, errors);
        }

        return (recording, errors);
    }
}
