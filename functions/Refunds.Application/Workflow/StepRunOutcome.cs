namespace Refunds.Application.Workflow;

public enum StepRunOutcome
{
    /// <summary>The step ran and its successor, if any, is queued.</summary>
    Advanced,

    /// <summary>The message asked for a step the workflow has already moved past (a duplicate or a stale timer).</summary>
    Stale,

    /// <summary>The message arrived before its step was due (a timer longer than a queue can hold); it was re-armed.</summary>
    Deferred,

    /// <summary>No such workflow: nothing to do.</summary>
    Unknown,
}
