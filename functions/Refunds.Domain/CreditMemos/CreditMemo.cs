using Refunds.Domain.Common;

namespace Refunds.Domain.CreditMemos;

public enum CreditMemoStatus
{
    Open,
    Refunded,
}

/// <summary>
/// A credit memo as the platform records it, plus what refunds made here did with it. The platform's figure
/// (<see cref="RefundedAmountMinor"/>) and ours (<see cref="RefundedHereMinor"/>, <see cref="ReservedMinor"/>) are
/// kept apart so that a Sync PUT can never wipe a reservation a running refund holds.
/// </summary>
public sealed record CreditMemo
{
    public required string OrganizationId { get; init; }
    public required string CreditMemoId { get; init; }

    /// <summary>The invoice this memo credits.</summary>
    public required string InvoiceId { get; init; }
    public required Money Amount { get; init; }

    /// <summary>What the platform says was refunded from the memo outside this service.</summary>
    public required long RefundedAmountMinor { get; init; }

    /// <summary>What refunds completed here took from the memo.</summary>
    public long RefundedHereMinor { get; init; }

    /// <summary>What refunds still running here hold on the memo: linked at start, settled or given back when they end.</summary>
    public long ReservedMinor { get; init; }

    public long TotalRefundedMinor => RefundedAmountMinor + RefundedHereMinor;

    /// <summary>What a new refund may still link to: neither refunded nor held by a running refund.</summary>
    public long RemainingMinor => Math.Max(0, Amount.MinorUnits - TotalRefundedMinor - ReservedMinor);

    public CreditMemoStatus Status => TotalRefundedMinor >= Amount.MinorUnits ? CreditMemoStatus.Refunded : CreditMemoStatus.Open;

    public CreditMemo Reserve(long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amountMinor, RemainingMinor);
        return this with { ReservedMinor = ReservedMinor + amountMinor };
    }

    /// <summary>The refund ended without the money going back: its hold returns to the memo.</summary>
    public CreditMemo Release(long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinor);
        return this with { ReservedMinor = Math.Max(0, ReservedMinor - amountMinor) };
    }

    /// <summary>The refund's money went back: its hold becomes refunded.</summary>
    public CreditMemo Settle(long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinor);
        return this with
        {
            ReservedMinor = Math.Max(0, ReservedMinor - amountMinor),
            RefundedHereMinor = RefundedHereMinor + amountMinor,
        };
    }

    /// <summary>
    /// The platform's new view of the memo, keeping what refunds here did with it. Once a refund here has used the memo,
    /// its invoice and currency are fixed and its amount must still cover everything refunded and held.
    /// </summary>
    public Result<CreditMemo> AcceptSync(CreditMemo incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var merged = incoming with { RefundedHereMinor = RefundedHereMinor, ReservedMinor = ReservedMinor };
        if (RefundedHereMinor == 0 && ReservedMinor == 0)
        {
            return merged;
        }

        if (!string.Equals(incoming.InvoiceId, InvoiceId, StringComparison.Ordinal) || incoming.Amount.Currency != Amount.Currency)
        {
            return new DomainError("credit_memo_locked", $"Refunds made here use credit memo {CreditMemoId}; its invoice and currency can no longer change.");
        }

        if (merged.TotalRefundedMinor + merged.ReservedMinor > merged.Amount.MinorUnits)
        {
            return new DomainError(
                "credit_memo_locked",
                $"Credit memo {CreditMemoId}: refunds made here took {RefundedHereMinor} and hold {ReservedMinor}; amount {incoming.Amount.MinorUnits} less refundedAmount {incoming.RefundedAmountMinor} cannot cover them.");
        }

        return merged;
    }
}
