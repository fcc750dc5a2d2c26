using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refunds.StripeStandIn.Api;

/// <summary>
/// <c>/_standin/refunds/dashboard</c> (a refund made in the Dashboard) and <c>/_standin/refunds/{id}/fail_later</c>
/// (a succeeded refund failing later), for out-of-process apps and curl.
/// </summary>
internal static class DashboardControlApi
{
    public static void Map(RouteGroupBuilder control, StripeStandIn standIn)
    {
        control.MapPost("/refunds/dashboard", (DashboardRefundRequest body) =>
        {
            try
            {
                var created = body.Created is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
                return Results.Ok(standIn.CreateDashboardRefund(body.Account, body.PaymentIntent, body.Amount, created));
            }
            catch (InvalidOperationException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });
        control.MapPost("/refunds/{id}/fail_later", (string id, FailLaterRequest? body) =>
        {
            try
            {
                standIn.FailSucceededRefund(id, body?.FailureReason ?? "expired_or_canceled_card", body?.Status ?? "failed");
                return Results.NoContent();
            }
            catch (InvalidOperationException exception)
            {
                return Results.Problem(exception.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });
    }

    /// <param name="Created">Unix seconds; absent: now.</param>
    internal sealed record DashboardRefundRequest(string Account, string PaymentIntent, long? Amount, long? Created);

    internal sealed record FailLaterRequest(string? FailureReason, string? Status);
}
