using Refunds.Application.Reconciliation;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;

namespace Refunds.Http.Features.Reconciliation;

/// <summary>A run as <c>GET /api/ops/reconciliations/{runId}</c> shows it: its state, counts and one page of findings.</summary>
public sealed record ReconciliationResponse(
    string Id,
    string Status,
    DateTimeOffset From,
    DateTimeOffset To,
    string? ConnectedAccountId,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int? Accounts,
    int AccountsDone,
    ReconciliationCounts Counts,
    string? Error,
    IReadOnlyList<FindingResponse> Findings,
    string? NextPage)
{
    public static ReconciliationResponse Of(ReconciliationView view, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(view);
        var run = view.Run;
        var counts = run.Totals is { } totals
            ? new ReconciliationCounts(totals.StripeRefunds, totals.StripeRequests, totals.OurRefunds, totals.EntitiesRead, totals.Open, totals.Resolved, totals.OpenByCode, totals.AccountsFailed)
            : SoFar(view.Accounts);
        var location = EndpointsLocation(run.RunId);
        return new ReconciliationResponse(
            run.RunId,
            run.Status.ToString(),
            run.From,
            run.To,
            run.ConnectedAccountId,
            run.RequestedBy,
            run.CreatedAt,
            run.StartedAt,
            run.CompletedAt,
            run.AccountCount,
            run.Totals?.Accounts ?? view.Accounts.Count,
            counts,
            run.Error,
            [.. view.Findings.Findings.Select(f => FindingResponse.From(run.RunId, f))],
            view.Findings.NextAfter is { } after ? $"{location}?after={after}&pageSize={pageSize}" : null);
    }

    public static string EndpointsLocation(string runId) => $"/api/ops/reconciliations/{runId}";

    /// <summary>While the run goes on: what the accounts done so far found (resolutions are known only at its end).</summary>
    private static ReconciliationCounts SoFar(IReadOnlyList<AccountReconciliation> accounts)
    {
        var byCode = accounts.SelectMany(a => a.FindingsByCode).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        return new ReconciliationCounts(
            accounts.Sum(a => a.StripeRefunds),
            accounts.Sum(a => a.StripeRequests),
            accounts.Sum(a => a.OurRefunds),
            accounts.Sum(a => a.EntitiesRead),
            byCode.Values.Sum(),
            0,
            byCode,
            accounts.Count(a => a.Error is not null));
    }
}

/// <param name="EntitiesRead">Storage entities read to compare: activity index rows and ledger point reads.</param>
public sealed record ReconciliationCounts(
    int StripeRefunds,
    int StripeRequests,
    int OurRefunds,
    long EntitiesRead,
    int Open,
    int Resolved,
    IReadOnlyDictionary<string, int> OpenByCode,
    int AccountsFailed);

public sealed record AmountResponse(long Amount, string Currency)
{
    public static AmountResponse? From(Money? money) => money is { } m ? new AmountResponse(m.MinorUnits, m.Currency) : null;
}

/// <param name="RecordUrl">Where to POST to record the refund: only on an open <c>stripe_refund_unrecorded</c> finding.</param>
public sealed record FindingResponse(
    string Id,
    string Code,
    string Status,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    string? RecordedRefundId,
    string ConnectedAccountId,
    string? OrganizationId,
    string? PaymentId,
    string? RefundId,
    string? StripeRefundId,
    string? PaymentIntentId,
    AmountResponse? OurAmount,
    AmountResponse? StripeAmount,
    string? OurStatus,
    string? StripeStatus,
    DateTimeOffset? StripeCreatedAt,
    DateTimeOffset? OurCreatedAt,
    string Difference,
    string SuggestedAction,
    string? RecordUrl)
{
    public static FindingResponse From(string runId, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new FindingResponse(
            finding.FindingId,
            finding.Code.ToWire(),
            finding.Status == FindingStatus.Open ? "open" : "resolved",
            finding.Resolution,
            finding.ResolvedAt,
            finding.RecordedRefundId,
            finding.ConnectedAccountId,
            finding.OrganizationId,
            finding.PaymentId,
            finding.RefundId,
            finding.StripeRefundId,
            finding.PaymentIntentId,
            AmountResponse.From(finding.OurAmount),
            AmountResponse.From(finding.StripeAmount),
            finding.OurStatus,
            finding.StripeStatus,
            finding.StripeCreatedAt,
            finding.OurCreatedAt,
            finding.Difference,
            finding.SuggestedAction,
            finding is { Code: FindingCode.StripeRefundUnrecorded, Status: FindingStatus.Open }
                ? $"{ReconciliationResponse.EndpointsLocation(runId)}/findings/{finding.FindingId}/record"
                : null);
    }
}
