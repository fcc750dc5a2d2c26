using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.RefundStatus;
using Refunds.Application.Status;

namespace Refunds.Functions.Features.RefundStatus;

public static class GetRefundFunction
{
    /// <remarks>Binds the Durable client because the status shows the refund's orchestration instance too.</remarks>
    [Function("GetRefund")]
    [Authorize]
    public static async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = GetRefundEndpoint.Route)] HttpRequest request,
        string orgId,
        string refundId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await GetRefundEndpoint.HandleAsync(
            orgId,
            refundId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<RefundStatusQuery>(),
            client,
            request.HttpContext.RequestAborted);
    }
}
