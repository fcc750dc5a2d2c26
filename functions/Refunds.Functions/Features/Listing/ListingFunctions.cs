using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.Listing;

namespace Refunds.Functions.Features.Listing;

/// <summary>Lists read the ledger's indexes only: no orchestration is read or signalled, so no client is bound.</summary>
public static class ListingFunctions
{
    [Function("ListRefunds")]
    [Authorize]
    public static Task<IResult> ListRefunds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ListRefundsEndpoint.Route)] HttpRequest request,
        string orgId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ListRefundsEndpoint.HandleAsync(
            orgId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<RefundLists>(),
            request.HttpContext.RequestAborted);
    }

    [Function("ListRefundsNeedingAttention")]
    [Authorize]
    public static Task<IResult> ListRefundsNeedingAttention(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AttentionEndpoint.Route)] HttpRequest request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return AttentionEndpoint.HandleAsync(
            request.HttpContext,
            context.InstanceServices.GetRequiredService<RefundLists>(),
            request.HttpContext.RequestAborted);
    }
}
