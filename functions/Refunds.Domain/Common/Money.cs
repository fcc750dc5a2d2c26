namespace Refunds.Domain.Common;

/// <summary>An amount in the currency's minor units (cents for USD, yen for JPY) and its ISO 4217 code.</summary>
public readonly record struct Money
{
    public Money(long minorUnits, string currency)
    {
        if (!IsIsoCurrency(currency))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));
        }

        MinorUnits = minorUnits;
        Currency = currency.ToUpperInvariant();
    }

    public long MinorUnits { get; }

    public string Currency { get; }

    /// <summary>
    /// The shape of an ISO 4217 code only: stored amounts and Stripe's answers must stay readable even in a code ISO
    /// has since withdrawn. New records are checked against <see cref="Currencies.IsActive"/> where they come in.
    /// </summary>
    public static bool IsIsoCurrency(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetter);

    public override string ToString() => $"{MinorUnits} {Currency}";
}
