using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Refunds.StripeStandIn.Webhooks;

namespace Refunds.StripeStandIn.Api;

/// <summary>
/// The stand-in's control operations as JSON over HTTP under <c>/_standin</c>, for out-of-process apps and curl.
/// Not authenticated: the stand-in only listens on loopback.
/// </summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app, StripeStandIn standIn)
    {
        var control = app.MapGroup("/_standin");

        control.MapPost("/payment_intents", (PaymentIntentRequest body) =>
        {
            standIn.AddPaymentIntent(body.Account, body.Id, body.Amount, body.Currency, body.PaymentMethodType ?? "card");
            return Results.Created($"/_standin/payment_intents/{body.Id}", body);
        });
        control.MapPost("/payment_intents/{id}/script", async (string id, RefundScript script, CancellationToken ct) =>
        {
            await standIn.ResolveIfUnknownAsync(id, ct).ConfigureAwait(false);
            return Guard(() => standIn.ScriptRefund(id, script));
        });
        control.MapGet("/payment_intents/{id}/refunds", (string id) => Results.Ok(standIn.RefundsFor(id)));
        control.MapPost("/balances", (BalanceRequest body) =>
        {
            standIn.SetBalance(body.Account, body.Currency, body.Available, body.Pending);
            return Results.NoContent();
        });
        control.MapPost("/balances/topup", (BalanceRequest body) =>
        {
            standIn.TopUp(body.Account, body.Currency, body.Available);
            return Results.NoContent();
        });
        control.MapPost("/payment_intents/{id}/disputes", async (string id, DisputeRequest? body, CancellationToken ct) =>
        {
            await standIn.ResolveIfUnknownAsync(id, ct).ConfigureAwait(false);
            try
            {
                return Results.Ok(new { id = standIn.CreateDispute(id, body?.Reason ?? "debit_not_authorized") });
            }
            catch (InvalidOperationException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });
        control.MapPost("/faults", (FaultRequest[] body) =>
        {
            standIn.InjectFaults([.. body.Select(f => new Fault(f.Kind, TimeSpan.FromMilliseconds(f.DurationMs)))]);
            return Results.NoContent();
        });
        control.MapDelete("/faults", () =>
        {
            standIn.ClearFaults();
            return Results.NoContent();
        });
        control.MapPost("/refunds/{id}/settle", (string id) => Guard(() => standIn.SettleRefund(id)));
        control.MapPost("/refunds/{id}/fail", (string id, FailRequest? body) => Guard(() => standIn.FailRefund(id, body?.FailureReason ?? "unknown")));
        control.MapPost("/idempotency_keys/expire", () =>
        {
            standIn.ExpireIdempotencyKeys();
            return Results.NoContent();
        });
        control.MapGet("/requests", () => Results.Ok(standIn.Requests));
        control.MapPost("/webhooks", async (WebhookRequest body) =>
        {
            await standIn.ConfigureWebhooksAsync(body.Endpoint, body.Secret, new WebhookOptions { DeliverTwice = body.DeliverTwice, Hold = body.Hold }).ConfigureAwait(false);
            return Results.NoContent();
        });
        control.MapPost("/webhooks/deliver_held", (bool? reverse) =>
        {
            standIn.DeliverHeldWebhooks(reverse ?? false);
            return Results.NoContent();
        });
        control.MapGet("/webhooks/deliveries", () => Results.Ok(standIn.WebhookDeliveries));
        DashboardControlApi.Map(control, standIn);
    }

    /// <summary>Control calls about unknown objects are the caller's mistake: 404 with the reason.</summary>
    private static IResult Guard(Action action)
    {
        try
        {
            action();
            return Results.NoContent();
        }
        catch (InvalidOperationException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }

    internal sealed record PaymentIntentRequest(string Account, string Id, long Amount, string Currency, string? PaymentMethodType);

    internal sealed record BalanceRequest(string Account, string Currency, long Available, long Pending);

    internal sealed record FaultRequest(FaultKind Kind, int DurationMs);

    internal sealed record FailRequest(string? FailureReason);

    internal sealed record DisputeRequest(string? Reason);

    internal sealed record WebhookRequest(Uri Endpoint, string Secret, bool DeliverTwice, bool Hold);
}
