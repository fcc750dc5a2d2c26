namespace Refunds.Application.Ports;

/// <summary>
/// Per day: which connected accounts had activity (a payment synced, a refund started, a refund made outside), and which
/// refunds of ours started on each account. A reconciliation reads it instead of scanning every organization's
/// partition. Written before the ledger commit it describes and idempotently, so it may name a refund whose start then
/// lost its race (a reader finds no record and skips it), never miss one that committed.
/// </summary>
public interface IActivityIndex
{
    Task NoteAccountAsync(DateOnly day, string connectedAccountId, CancellationToken cancellationToken);

    /// <summary>Notes the refund under the day it started, and its account for that day.</summary>
    Task NoteRefundAsync(IndexedRefund refund, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetAccountsAsync(DateOnly day, CancellationToken cancellationToken);

    IAsyncEnumerable<IndexedRefund> GetRefundsAsync(DateOnly day, string connectedAccountId, CancellationToken cancellationToken);
}

public sealed record IndexedRefund(string ConnectedAccountId, string OrganizationId, string RefundId, DateTimeOffset CreatedAt)
{
    public DateOnly Day => DateOnly.FromDateTime(CreatedAt.UtcDateTime);
}
