using Microsoft.DurableTask.Client;
using Refunds.Application.Status;
using Refunds.Domain.Refunds;
using Refunds.Http.Auth;
using Refunds.Http.Http;

namespace Refunds.Http.Features.RefundStatus;

public static class GetRefundEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "organizations/{orgId}/refunds/{refundId}";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet(Route, HandleAsync)
            .WithName("GetRefund")
            .RequireAuthorization()
            .Produces<RefundStatusResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<IResult> HandleAsync(string orgId, string refundId, HttpContext context, RefundStatusQuery query, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (Problems.InvalidIds(("orgId", orgId), ("refundId", refundId)) is { } invalid)
        {
            return invalid;
        }

        if (!context.User.IsAdminOf(orgId) && !context.User.IsInRole(Roles.Ops))
        {
            return Problems.Forbidden("Reading a refund needs the Admin role of this organization or the Ops role.");
        }

        var view = await query.GetAsync(durable, orgId, refundId, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound($"Refund {refundId} was not found in organization {orgId}.");
        }

        if (!view.Workflow.IsTerminal)
        {
            context.Response.Headers.RetryAfter = "2";
        }

        return Results.Ok(RefundStatusResponse.From(view));
    }
}
