namespace Refunds.Domain.Common;

/// <summary>
/// The largest amount one Stripe charge may carry in most currencies (99,999,999 minor units). Nothing we record can
/// legitimately be larger, and the bound keeps every sum of a payment's allocations far from overflowing.
/// </summary>
public static class ChargeAmount
{
    public const long MaxMinorUnits = 99_999_999;

    public static bool IsValid(long minorUnits) => minorUnits is > 0 and <= MaxMinorUnits;
}
