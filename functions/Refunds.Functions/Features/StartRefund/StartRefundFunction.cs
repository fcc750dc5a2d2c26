using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.StartRefund;
using Refunds.Http.Telemetry;
using Refunds.Application.StartRefund;

namespace Refunds.Functions.Features.StartRefund;

public static class StartRefundFunction
{
    [Function("StartRefund")]
    [Authorize]
    public static async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = StartRefundEndpoint.Route)] HttpRequest request,
        string orgId,
        string paymentId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var services = context.InstanceServices;
        return await StartRefundEndpoint.HandleAsync(
            orgId,
            paymentId,
            request.HttpContext,
            services.GetRequiredService<StartRefundHandler>(),
            services.GetRequiredService<RefundsInstrumentation>(),
            client,
            request.HttpContext.RequestAborted);
    }
}
