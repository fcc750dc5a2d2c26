namespace Refunds.Http.Features.Reconciliation;

/// <summary>
/// <c>POST /api/ops/reconciliations</c>: the window [<see cref="From"/>, <see cref="To"/>) in ISO 8601 with an offset
/// (UTC is best), and optionally the one connected account to reconcile.
/// </summary>
public sealed record ReconciliationBody(DateTimeOffset? From, DateTimeOffset? To, string? ConnectedAccountId);
