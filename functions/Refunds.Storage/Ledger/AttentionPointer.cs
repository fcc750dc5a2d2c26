using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// What an attention row says about a record: its marks, its orchestration's due time (while one has work), and the
/// record revision it was written for. A row is allowed to say more than the record (more marks, an earlier due
/// time): readers check the record's summary before listing it. It must never say less than the latest record.
/// </summary>
internal sealed record AttentionPointer(AttentionMarks Marks, DateTimeOffset? DueAt, int Revision)
{
    /// <summary>
    /// A due time that moved later by less than this is not worth a write: the row then makes the record a stalled
    /// candidate at most this much early, and readers check the record anyway.
    /// </summary>
    public static readonly TimeSpan DueSlack = TimeSpan.FromMinutes(1);

    public static AttentionPointer For(RefundSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(
            summary.Marks,
            summary.Marks.HasFlag(AttentionMarks.NeedsOrchestration) ? summary.OrchestrationDueAt : null,
            summary.Revision);
    }

    public bool IsEmpty => Marks == AttentionMarks.None;

    /// <summary>Everything <paramref name="other"/> says is said here too: its marks, and a due time no later than its own.</summary>
    public bool Covers(AttentionPointer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (Marks & other.Marks) == other.Marks
            && (other.DueAt is not { } due || (DueAt is { } mine && mine <= due));
    }

    /// <summary>Says everything both say: marks of both, the earlier due time, the later revision.</summary>
    public AttentionPointer Union(AttentionPointer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Marks | other.Marks,
            DueAt is { } a && other.DueAt is { } b ? (a <= b ? a : b) : DueAt ?? other.DueAt,
            Math.Max(Revision, other.Revision));
    }

    /// <summary>Same marks and due time (the revision aside): writing <paramref name="other"/> over this would change nothing a reader uses.</summary>
    public bool SaysSameAs(AttentionPointer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Marks == other.Marks && DueAt == other.DueAt;
    }

    /// <summary>
    /// A change from <paramref name="previous"/> (null: unknown) to this record state must widen the row before it is
    /// committed: it adds a mark or brings the due time forward.
    /// </summary>
    public bool WidensOn(AttentionPointer? previous) =>
        previous is null ? !IsEmpty : !previous.Covers(this);

    /// <summary>
    /// After a change from <paramref name="previous"/> (null: unknown) to this record state the row says more than
    /// needed: a mark went, or the due time moved later by more than <see cref="DueSlack"/>.
    /// </summary>
    public bool NarrowsFrom(AttentionPointer? previous) =>
        previous is null
        || (previous.Marks & ~Marks) != AttentionMarks.None
        || (DueAt is { } due && previous.DueAt is { } before && due - before > DueSlack);
}
