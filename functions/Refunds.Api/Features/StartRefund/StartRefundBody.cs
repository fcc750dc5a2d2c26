namespace Refunds.Api.Features.StartRefund;

public sealed record StartRefundBody(string? Reason, string? Comment);
