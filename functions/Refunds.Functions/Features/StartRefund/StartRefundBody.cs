namespace Refunds.Functions.Features.StartRefund;

public sealed record StartRefundBody(string? Reason, string? Comment);
