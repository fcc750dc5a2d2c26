using Microsoft.DurableTask.Client;
using Refunds.Application.ExternalEvents;
using Refunds.Http.Auth;
using Refunds.Http.Features.StartRefund;
using Refunds.Http.Http;

namespace Refunds.Http.Features.RefundActions;

/// <summary>
/// <c>POST .../refunds/{refundId}/retry</c> (after a top-up) and <c>.../cancel</c> (the merchant refunds outside
/// Stripe). Both act only on a waiting refund. The organization's Admin may act, and so may Ops, who look after
/// stuck refunds for every organization (as they may read them).
/// </summary>
public static class RefundActionEndpoints
{
    /// <summary>Retry: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string RetryRoute = "organizations/{orgId}/refunds/{refundId}/retry";

    /// <summary>Cancel: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string CancelRoute = "organizations/{orgId}/refunds/{refundId}/cancel";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(RetryRoute, RetryAsync).WithName("RetryRefund").RequireAuthorization();
        api.MapPost(CancelRoute, CancelAsync).WithName("CancelRefund").RequireAuthorization();
    }

    public static async Task<IResult> RetryAsync(string orgId, string refundId, HttpContext context, RefundActionsHandler handler, DurableTaskClient durable, CancellationToken cancellationToken) =>
        Check(context, orgId, refundId) ?? Answer(context, orgId, refundId, await handler.RetryAsync(durable, orgId, refundId, context.User.Subject(), cancellationToken));

    public static async Task<IResult> CancelAsync(string orgId, string refundId, HttpContext context, RefundActionsHandler handler, DurableTaskClient durable, CancellationToken cancellationToken) =>
        Check(context, orgId, refundId) ?? Answer(context, orgId, refundId, await handler.CancelAsync(durable, orgId, refundId, context.User.Subject(), cancellationToken));

    private static IResult? Check(HttpContext context, string orgId, string refundId)
    {
        if (Problems.InvalidIds(("orgId", orgId), ("refundId", refundId)) is { } invalid)
        {
            return invalid;
        }

        return context.User.IsAdminOf(orgId) || context.User.IsInRole(Roles.Ops)
            ? null
            : Problems.Forbidden("Acting on a refund needs the Admin role of this organization or the Ops role.");
    }

    private static IResult Answer(HttpContext context, string orgId, string refundId, AppliedEvent result)
    {
        var location = StartRefundEndpoint.StatusLocation(orgId, refundId);
        return result switch
        {
            AppliedEvent.NotFound => Problems.NotFound($"Refund {refundId} was not found in organization {orgId}."),
            AppliedEvent.Refused refused => Problems.Status(
                StatusCodes.Status409Conflict,
                "Refund not waiting",
                refused.Error.Message,
                refused.Error.Code,
                new Dictionary<string, object?> { ["runtimeStatus"] = refused.Workflow.RuntimeStatus.ToString(), ["refund"] = location }),
            AppliedEvent.Applied applied => Accepted(context, location, applied),
            _ => throw new InvalidOperationException($"Unhandled result {result.GetType().Name}."),
        };
    }

    /// <summary>A cancel is done when it answers (200); a retry has only been scheduled (202, poll the status).</summary>
    private static IResult Accepted(HttpContext context, string location, AppliedEvent.Applied applied)
    {
        var body = new
        {
            refundId = applied.Workflow.RefundId,
            status = applied.Workflow.RuntimeStatus,
            statusUrl = location,
        };
        if (applied.Workflow.IsTerminal)
        {
            return Results.Ok(body);
        }

        context.Response.Headers.RetryAfter = "2";
        return Results.Accepted(location, body);
    }
}
