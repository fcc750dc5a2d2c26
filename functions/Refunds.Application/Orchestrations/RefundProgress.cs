using System.Text.Json.Serialization;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Where a refund stands, as its record says after the last commit: every activity returns it and every event carries
/// it, so the orchestration never decides on anything older than the record and never needs an extra read.
/// </summary>
/// <param name="Stage">Null when the record does not exist (never committed, or removed): nothing to drive.</param>
/// <param name="DueAt">When the orchestration should act next (poll back-off, balance check, a retry after an outage).</param>
public sealed record RefundProgress(RefundStage? Stage, DateTimeOffset DueAt, bool IntacctPending, RefundCustomStatus Status)
{
    public static readonly RefundProgress Missing = new(null, DateTimeOffset.MinValue, IntacctPending: false, RefundCustomStatus.Gone);

    /// <summary>Nothing known yet: the story begins by creating the Stripe refund.</summary>
    public static readonly RefundProgress NotStarted = new(RefundStage.ReadyToCreate, DateTimeOffset.MinValue, IntacctPending: false, RefundCustomStatus.Starting);

    /// <summary>A late failure's record starts with the money already gone: record it.</summary>
    public static readonly RefundProgress NotRecorded = new(RefundStage.ReadyToRecord, DateTimeOffset.MinValue, IntacctPending: false, RefundCustomStatus.Starting);

    /// <summary>An Intacct reversal ops asked to run again.</summary>
    public static readonly RefundProgress IntacctDue = new(RefundStage.Recorded, DateTimeOffset.MinValue, IntacctPending: true, RefundCustomStatus.Starting);

    /// <summary>Stripe's part is over, one way or another.</summary>
    [JsonIgnore]
    public bool IsDoneAtStripe => Part > 0;

    /// <summary>
    /// Which part of the story the record is in: Stripe (0), recording (1), Intacct (2), ended (3). Parts only ever
    /// move forward, unlike the stages within Stripe's part (a wait for funds resumes creating).
    /// </summary>
    [JsonIgnore]
    public int Part => Stage switch
    {
        RefundStage.ReadyToCreate or RefundStage.WaitingForFunds or RefundStage.PendingAtStripe => 0,
        RefundStage.ReadyToRecord => 1,
        RefundStage.Recorded when IntacctPending => 2,
        _ => 3,
    };

    public static RefundProgress Of(RefundWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(workflow.Stage, workflow.OrchestrationDueAt, workflow.IntacctPending, RefundCustomStatus.Of(workflow));
    }
}
