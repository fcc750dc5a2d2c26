using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Refunds.IntacctStandIn.Gateway;

namespace Refunds.IntacctStandIn;

/// <summary>
/// The stand-in's control operations as JSON over HTTP under <c>/_standin</c>, for out-of-process apps and curl (the
/// local run). Not authenticated: the stand-in only listens on loopback. Literal routes, so they win over the gateway's
/// catch-all POST.
/// </summary>
internal static class ControlApi
{
    public const string ReverseFunction = "reverse_arpayment";

    public static void Map(IEndpointRouteBuilder app, StandInBackend backend, IntacctStandInOptions options)
    {
        var control = app.MapGroup("/_standin");

        control.MapPost("/ar_payments", async (HttpRequest request) =>
        {
            var body = await ReadAsync<ArPaymentRequest>(request);
            if (body is null || string.IsNullOrWhiteSpace(body.Key) || body.Amount <= 0)
            {
                return Results.Problem("Send a JSON body with key and a positive amount in minor units, e.g. {\"key\":\"2001\",\"amount\":4200}.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (backend.Payment(body.Key) is not null)
            {
                return Results.Problem($"AR payment {body.Key} already exists.", statusCode: StatusCodes.Status409Conflict);
            }

            var paymentDate = body.PaymentDate ?? DateOnly.FromDateTime(options.Clock.GetUtcNow().UtcDateTime);
            backend.AddPayment(body.Key, paymentDate, body.Amount, (body.Currency ?? "USD").ToUpperInvariant());
            return Results.Created($"/_standin/ar_payments/{body.Key}", backend.Payment(body.Key));
        });
        control.MapGet("/ar_payments", () => Results.Ok(backend.Payments()));
        control.MapGet("/ar_payments/{key}", (string key) =>
            backend.Payment(key) is { } payment
                ? Results.Ok(payment)
                : Results.Problem($"The stand-in has no AR payment '{key}'.", statusCode: StatusCodes.Status404NotFound));
        control.MapPost("/reversals/fail_next", async (HttpRequest request) =>
        {
            var body = await ReadAsync<FailRequest>(request);
            var error = body?.ErrorNo is { Length: > 0 } errorNo
                ? new StandInError(errorNo, body.Description ?? "Could not reverse the payment", body.Description2 ?? "", body.Correction ?? "")
                : StandInError.RefusedOnce;
            backend.AddFaults([StandInFault.Error(error, ReverseFunction)]);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// The JSON body, whatever the Content-Type says, or null when there is none or it does not parse. Read by hand: an
    /// endpoint that declares a JSON body only matches JSON requests, and the gateway's catch-all would take the rest.
    /// </summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record ArPaymentRequest(string Key, long Amount, string? Currency, DateOnly? PaymentDate);

    internal sealed record FailRequest(string? ErrorNo, string? Description, string? Description2, string? Correction);
}
