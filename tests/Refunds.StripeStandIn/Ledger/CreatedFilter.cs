using System.Globalization;

namespace Refunds.StripeStandIn.Ledger;

/// <summary>Stripe's <c>created</c> range parameters on list endpoints: <c>created[gt|gte|lt|lte]</c> in Unix seconds.</summary>
internal sealed record CreatedFilter(long? Gt, long? Gte, long? Lt, long? Lte)
{
    /// <summary>The filter in <paramref name="query"/> (none: everything), or null when a bound is not a number.</summary>
    public static CreatedFilter? Parse(IReadOnlyDictionary<string, string> query)
    {
        var bounds = new long?[4];
        string[] names = ["created[gt]", "created[gte]", "created[lt]", "created[lte]"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!query.TryGetValue(names[i], out var text))
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            bounds[i] = value;
        }

        // A bare created=<ts> means exactly that second.
        if (query.TryGetValue("created", out var exactText))
        {
            if (!long.TryParse(exactText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
            {
                return null;
            }

            bounds[1] = exact;
            bounds[3] = exact;
        }

        return new CreatedFilter(bounds[0], bounds[1], bounds[2], bounds[3]);
    }

    public bool Holds(DateTimeOffset created)
    {
        var at = created.ToUnixTimeSeconds();
        return (Gt is not { } gt || at > gt) && (Gte is not { } gte || at >= gte) && (Lt is not { } lt || at < lt) && (Lte is not { } lte || at <= lte);
    }
}
