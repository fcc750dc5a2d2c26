namespace Refunds.Application.Orchestrations;

/// <summary>Which ledger record an activity works on: the refund (or late-failure reversal) of one organization.</summary>
public sealed record RefundInstance(string OrganizationId, string RefundId);
