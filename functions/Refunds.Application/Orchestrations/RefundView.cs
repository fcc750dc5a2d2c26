using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// What an orchestration knows of its record: the next move and when it is due, and the custom status it shows.
/// Every activity returns the record as it left it, so the orchestration never decides on anything older.
/// </summary>
public sealed record RefundView(string OrganizationId, string RefundId, WorkflowMove Move, DateTimeOffset DueAt, RefundCustomStatus Status)
{
    public RefundInstance Instance => new(OrganizationId, RefundId);

    public static RefundView Of(RefundWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(workflow.OrganizationId, workflow.RefundId, workflow.NextMove, workflow.NextMoveDueAt, RefundCustomStatus.Of(workflow));
    }

    /// <summary>A record that does not exist (never committed, or removed): nothing to drive.</summary>
    public static RefundView Missing(RefundInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(instance.OrganizationId, instance.RefundId, WorkflowMove.None, DateTimeOffset.MinValue, RefundCustomStatus.Gone);
    }
}
