namespace Refunds.Application.StripeEvents;

public enum StripeEventOutcome
{
    /// <summary>The event moved at least one workflow forward (or started one).</summary>
    Applied,

    /// <summary>Recorded, and nothing to do: a repeat, an older state, an unknown type or not ours.</summary>
    Ignored,
}
