using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// The ledger's refund indexes, kept by <see cref="ILedgerStore.CommitAsync"/> beside the records: a summary per refund
/// in its organization's partition (newest first), and the attention index of records an orchestration still drives
/// or ops must look at, in one partition of its own (oldest first). Every read is a query of one partition.
/// </summary>
public interface IRefundIndex
{
    /// <summary>
    /// One organization's refunds, newest first, after the cursor <paramref name="after"/> (null: from the start).
    /// </summary>
    Task<IndexPage<RefundSummary>> ListAsync(string organizationId, RefundListFilter filter, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="take"/> rows of the attention index in key order after <paramref name="after"/> whose marks
    /// match <paramref name="filter"/> (stalled: due before <paramref name="stalledBefore"/>), each with its record's
    /// summary as stored now (null when missing). A row may say more than its record: callers check the summary.
    /// </summary>
    Task<IndexPage<RefundSummary?>> ReadAttentionAsync(AttentionFilter filter, DateTimeOffset stalledBefore, string? after, int take, CancellationToken cancellationToken);

    /// <summary>Narrows attention rows that say more than their record (left by a crash or a lost commit); returns how many changed.</summary>
    Task<int> RepairAttentionAsync(TimeSpan abandonedAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the summary and attention rows of records stored before the indexes existed, at most
    /// <paramref name="maxRecords"/> records a call, remembering where it stopped. Returns true once every record is indexed.
    /// </summary>
    Task<bool> BackfillAsync(int maxRecords, CancellationToken cancellationToken);
}

/// <param name="Items">The page, in the index's order.</param>
/// <param name="Next">The cursor after the last row read, or null when the range has no more rows.</param>
/// <param name="EntitiesRead">Storage entities the page cost (index rows and the summaries read beside them).</param>
public sealed record IndexPage<T>(IReadOnlyList<T> Items, string? Next, int EntitiesRead);

/// <param name="Statuses">Empty: any status.</param>
/// <param name="CreatedFrom">Inclusive.</param>
/// <param name="CreatedTo">Exclusive.</param>
public sealed record RefundListFilter(string? PaymentId, IReadOnlySet<RuntimeStatus> Statuses, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo);

/// <param name="Reasons">The reasons asked for; never empty (all of them when the caller named none).</param>
/// <param name="CreatedBefore">Only records created before this time (exclusive).</param>
public sealed record AttentionFilter(IReadOnlySet<AttentionReason> Reasons, string? OrganizationId, DateTimeOffset? CreatedBefore);
