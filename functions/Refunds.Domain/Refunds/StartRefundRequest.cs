namespace Refunds.Domain.Refunds;

public sealed record StartRefundRequest(string RefundId, RefundReason? Reason, string? Comment, string RequestedBy);
