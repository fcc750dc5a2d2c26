namespace Refunds.IntacctStandIn;

public enum StandInArPaymentState
{
    Posted,
    Reversed,
}

/// <summary>A snapshot of an AR payment held by the stand-in. <see cref="ReversalCount"/> counts executed reversals.</summary>
public sealed record StandInArPayment(
    string Key,
    DateOnly PaymentDate,
    long AmountMinor,
    string Currency,
    StandInArPaymentState State,
    DateOnly? ReversalDate,
    string? ReversalDescription,
    int ReversalCount);
