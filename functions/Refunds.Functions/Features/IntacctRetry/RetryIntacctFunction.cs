using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.IntacctRetry;
using Refunds.Application.Intacct;

namespace Refunds.Functions.Features.IntacctRetry;

public static class RetryIntacctFunction
{
    [Function("RetryIntacct")]
    [Authorize]
    public static async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RetryIntacctEndpoint.Route)] HttpRequest request,
        string orgId,
        string refundId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await RetryIntacctEndpoint.HandleAsync(
            orgId, refundId, request.HttpContext, context.InstanceServices.GetRequiredService<RetryIntacctHandler>(), client, request.HttpContext.RequestAborted);
    }
}
