namespace Refunds.Domain.Refunds;

public enum RefundLinkType
{
    Payment,
    CreditMemo,
}

/// <summary>What a refund is recorded against: decided at start, before any money moves, and never changed.</summary>
public sealed record RefundLink(RefundLinkType Type, string Id);
