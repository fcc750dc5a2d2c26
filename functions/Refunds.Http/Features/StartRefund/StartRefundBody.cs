namespace Refunds.Http.Features.StartRefund;

public sealed record StartRefundBody(string? Reason, string? Comment);
