using Microsoft.DurableTask.Client;
using Refunds.Application.Intacct;
using Refunds.Http.Auth;
using Refunds.Http.Features.StartRefund;
using Refunds.Http.Http;

namespace Refunds.Http.Features.IntacctRetry;

/// <summary>Ops re-run a failed Intacct reversal after fixing its cause (a closed period, a wrong key...).</summary>
public static class RetryIntacctEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "organizations/{orgId}/refunds/{refundId}/intacct/retry";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost(Route, HandleAsync)
            .WithName("RetryIntacct")
            .RequireAuthorization()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<IResult> HandleAsync(string orgId, string refundId, HttpContext context, RetryIntacctHandler handler, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (Problems.InvalidIds(("orgId", orgId), ("refundId", refundId)) is { } invalid)
        {
            return invalid;
        }

        if (!context.User.IsInRole(Roles.Ops))
        {
            return Problems.Forbidden("Retrying an Intacct reversal needs the Ops role.");
        }

        var result = await handler.HandleAsync(durable, orgId, refundId, context.User.Subject(), cancellationToken);
        return result switch
        {
            RetryIntacctResult.Queued => Results.Accepted(StartRefundEndpoint.StatusLocation(orgId, refundId), new { refundId, intacctStatus = "Pending" }),
            RetryIntacctResult.NotFound => Problems.NotFound($"Refund {refundId} was not found in organization {orgId}."),
            RetryIntacctResult.NotFailed refused => Problems.Status(StatusCodes.Status409Conflict, "Nothing to retry", refused.Message, refused.Code),
            _ => throw new InvalidOperationException($"Unhandled result {result.GetType().Name}."),
        };
    }
}
