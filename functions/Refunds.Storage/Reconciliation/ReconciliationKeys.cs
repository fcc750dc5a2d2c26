using System.Globalization;
using Refunds.Domain.Common;

namespace Refunds.Storage.Reconciliation;

/// <summary>
/// Keys of the reconciliation table. A run and everything it found share one partition; the activity index has one
/// small partition per day (its accounts) and one per day and account (our refunds started there). Ids are checked
/// against <see cref="Ids"/>, so '|' separates parts unambiguously.
/// </summary>
internal static class ReconciliationKeys
{
    public const string RunRow = "run";
    public const string FindingPrefix = "finding|";
    public const string AccountPrefix = "account|";

    public static string Run(string runId) => "run|" + Checked(runId, nameof(runId));

    public static string Finding(string findingId) => FindingPrefix + Checked(findingId, nameof(findingId));

    public static string Account(string connectedAccountId) => AccountPrefix + Checked(connectedAccountId, nameof(connectedAccountId));

    /// <summary>Findings that held when last seen, per connected account.</summary>
    public static string Open(string connectedAccountId) => "open|" + Checked(connectedAccountId, nameof(connectedAccountId));

    public static string Day(DateOnly day) => "day|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DayAccount(DateOnly day, string connectedAccountId) => Day(day) + "|" + Checked(connectedAccountId, nameof(connectedAccountId));

    public static string IndexedRefund(string organizationId, string refundId) =>
        Checked(organizationId, nameof(organizationId)) + "|" + Checked(refundId, nameof(refundId));

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> ('}' follows '|').</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + "}";

    public static string Checked(string id, string name) =>
        Ids.IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a valid id (letters, digits, '_' and '-', at most {Ids.MaxLength}).", name);
}
