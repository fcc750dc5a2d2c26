using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Api.Features.RefundStatus;
using Refunds.Application.Status;

namespace Refunds.Functions.Features.RefundStatus;

public static class GetRefundFunction
{
    [Function("GetRefund")]
    [Authorize]
    public static Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{orgId}/refunds/{refundId}")] HttpRequest request,
        string orgId,
        string refundId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return GetRefundEndpoint.HandleAsync(
            orgId,
            refundId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<RefundStatusQuery>(),
            request.HttpContext.RequestAborted);
    }
}
