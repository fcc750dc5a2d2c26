using Azure;
using Azure.Data.Tables;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// Keeps the attention index beside the ledger. The index lives in a partition of its own, so it cannot join the
/// record's entity-group transaction; instead it is kept a superset of the truth:
/// <list type="bullet">
/// <item>before a commit that widens what the row must say (a new mark, an earlier due time), the row is widened
/// (union with what it says, under its ETag);</item>
/// <item>after a commit that narrows it, the row is narrowed to the new record, under its ETag and only if no writer
/// of a later revision has widened it since (<see cref="AttentionPointer.Revision"/>).</item>
/// </list>
/// A crash or a lost commit between the two leaves the row saying more than the record, never less: readers check the
/// record's summary, and the reconciler narrows such rows later (<see cref="RepairAsync"/>).
/// </summary>
internal sealed class AttentionIndex(TableClient table)
{
    /// <summary>Rounds of read-then-write against concurrent writers of the same row before giving up (transient).</summary>
    private const int MaxRounds = 8;

    /// <summary>What the writer knows of the row once <see cref="WidenAsync"/> has run: null when it did not look.</summary>
    public sealed record Seen(AttentionPointer? Pointer, ETag ETag);

    /// <summary>Before the commit of <paramref name="next"/> (after <paramref name="previous"/>, null when unknown or new).</summary>
    public async Task<Seen?> WidenAsync(RefundSummary next, RefundSummary? previous, bool isInsert, CancellationToken cancellationToken)
    {
        var wanted = AttentionPointer.For(next);
        if (wanted.IsEmpty || !wanted.WidensOn(previous is null ? null : AttentionPointer.For(previous)))
        {
            return null;
        }

        if (isInsert && await TryAddAsync(next, wanted, cancellationToken) is { } added)
        {
            return new Seen(wanted, added);
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var (current, etag) = await ReadAsync(next, cancellationToken);
            var union = current is null ? wanted : current.Union(wanted);
            if (current is not null && union == current)
            {
                return new Seen(current, etag);
            }

            var written = current is null
                ? await TryAddAsync(next, union, cancellationToken)
                : await TryReplaceAsync(next, union, etag, cancellationToken);
            if (written is { } newETag)
            {
                return new Seen(union, newETag);
            }
        }

        throw new RequestFailedException(409, $"The attention row of refund {next.RefundId} kept changing under concurrent writers; try again.");
    }

    /// <summary>
    /// After <paramref name="next"/> was committed: narrows the row to it if the change narrowed it or the widening said
    /// more. Failures leave the row saying more than the record, which readers tolerate, so they are not thrown.
    /// </summary>
    public async Task NarrowAfterCommitAsync(RefundSummary next, RefundSummary? previous, bool isInsert, Seen? seen, CancellationToken cancellationToken)
    {
        var wanted = AttentionPointer.For(next);
        var widerThanWanted = seen?.Pointer is { } written && !written.SaysSameAs(wanted);
        if (isInsert && !widerThanWanted)
        {
            return;
        }

        if (!widerThanWanted && !wanted.NarrowsFrom(previous is null ? null : AttentionPointer.For(previous)))
        {
            return;
        }

        try
        {
            await NarrowAsync(next, seen, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The commit stands; the row stays wider than the record until the reconciler's repair narrows it.
        }
    }

    /// <summary>
    /// Narrows the row to <paramref name="truth"/>, a committed version of the record, unless a writer of a later
    /// revision has widened it. Returns whether the row changed.
    /// </summary>
    public async Task<bool> NarrowAsync(RefundSummary truth, Seen? seen, CancellationToken cancellationToken)
    {
        var wanted = AttentionPointer.For(truth);
        var known = seen;
        for (var round = 0; round < MaxRounds; round++)
        {
            var (current, etag) = known is { Pointer: { } p } ? (p, known.ETag) : await ReadAsync(truth, cancellationToken);
            known = null;
            if (current is null || current.Revision > truth.Revision || current.SaysSameAs(wanted))
            {
                return false;
            }

            var done = wanted.IsEmpty
                ? await TryDeleteAsync(truth, etag, cancellationToken)
                : await TryReplaceAsync(truth, wanted, etag, cancellationToken) is not null;
            if (done)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The reconciler's repair of one row against the record's summary (null: the summary row is missing, e.g. written
    /// before the index existed and not backfilled yet, so nothing is decided). A row written for a later revision than
    /// the summary is left alone unless it is older than <paramref name="abandonedAfter"/>: its writer gave up or died.
    /// </summary>
    public async Task<bool> RepairAsync(TableEntity row, RefundSummary? truth, DateTimeOffset now, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (truth is null)
        {
            return false;
        }

        var pointer = AttentionRows.PointerOf(row);
        if (pointer.Revision > truth.Revision && row.Timestamp is { } written && now - written > abandonedAfter)
        {
            // Keep the higher revision, so that no writer older than the abandoned one narrows below what it wrote.
            truth = truth with { Revision = pointer.Revision };
        }

        return await NarrowAsync(truth, new Seen(pointer, row.ETag), cancellationToken);
    }

    private async Task<(AttentionPointer? Pointer, ETag ETag)> ReadAsync(RefundSummary summary, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(RowKeys.AttentionPartition, AttentionRows.KeyOf(summary), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? (AttentionRows.PointerOf(row), row.ETag) : (null, default);
    }

    private async Task<ETag?> TryAddAsync(RefundSummary summary, AttentionPointer pointer, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.AddEntityAsync(AttentionRows.ToRow(summary, pointer), cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    private async Task<ETag?> TryReplaceAsync(RefundSummary summary, AttentionPointer pointer, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.UpdateEntityAsync(AttentionRows.ToRow(summary, pointer), etag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    private async Task<bool> TryDeleteAsync(RefundSummary summary, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(RowKeys.AttentionPartition, AttentionRows.KeyOf(summary), etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }
}
