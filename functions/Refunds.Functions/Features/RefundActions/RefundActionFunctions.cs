using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.RefundActions;
using Refunds.Application.ExternalEvents;

namespace Refunds.Functions.Features.RefundActions;

public static class RefundActionFunctions
{
    [Function("RetryRefund")]
    [Authorize]
    public static async Task<IResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RefundActionEndpoints.RetryRoute)] HttpRequest request,
        string orgId,
        string refundId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await RefundActionEndpoints.RetryAsync(
            orgId, refundId, request.HttpContext, context.InstanceServices.GetRequiredService<RefundActionsHandler>(), client, request.HttpContext.RequestAborted);
    }

    [Function("CancelRefund")]
    [Authorize]
    public static async Task<IResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RefundActionEndpoints.CancelRoute)] HttpRequest request,
        string orgId,
        string refundId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await RefundActionEndpoints.CancelAsync(
            orgId, refundId, request.HttpContext, context.InstanceServices.GetRequiredService<RefundActionsHandler>(), client, request.HttpContext.RequestAborted);
    }
}
