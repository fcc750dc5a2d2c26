namespace Refunds.Application.Orchestrations;

/// <summary>
/// An orchestration's input: the record it drives and, after a continue-as-new, where the record stood.
/// Without <see cref="Progress"/> the story starts at its first step, whose activity returns the record's real stage.
/// </summary>
public sealed record RefundRun(string OrganizationId, string RefundId, RefundProgress? Progress = null)
{
    public RefundInstance Refund => new(OrganizationId, RefundId);
}
