using Refunds.Domain.Refunds;

namespace Refunds.Application.StartRefund;

public sealed record StartRefundCommand(string OrganizationId, string PaymentId, RefundReason? Reason, string? Comment, string RequestedBy);

public abstract record StartRefundResult
{
    private StartRefundResult()
    {
    }

    public sealed record Started(RefundWorkflow Workflow) : StartRefundResult;

    public sealed record PaymentNotFound : StartRefundResult;

    /// <summary>Refunded already or being refunded: <paramref name="ExistingRefundId"/> links to that refund.</summary>
    public sealed record AlreadyRefunding(string Code, string Message, string? ExistingRefundId) : StartRefundResult;

    public sealed record NotRefundable(string Code, string Message) : StartRefundResult;
}
