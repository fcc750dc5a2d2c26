using System.Text.Json.Nodes;

namespace Refunds.StripeStandIn.Api;

/// <summary>An answer in Stripe's wire format. <see cref="Saved"/>: the idempotency layer keeps it for replays.</summary>
internal sealed record ApiResponse(int Status, JsonObject Body, bool Saved = true)
{
    public bool Replayed { get; init; }

    public static ApiResponse Ok(JsonObject body) => new(200, body);
}
