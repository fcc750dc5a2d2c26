using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refunds.Http.Features.StripeWebhooks;
using Refunds.Application.Ports;
using Refunds.Application.StripeEvents;

namespace Refunds.Functions.Features.StripeWebhooks;

public static class StripeWebhookFunction
{
    /// <summary>Anonymous: the signature over the raw body, checked by the handler, is the authentication.</summary>
    [Function("StripeWebhook")]
    [AllowAnonymous]
    public static async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = StripeWebhookEndpoint.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var services = context.InstanceServices;
        return await StripeWebhookEndpoint.HandleAsync(
            request.HttpContext,
            services.GetRequiredService<IStripeWebhookVerifier>(),
            services.GetRequiredService<StripeWebhookIngest>(),
            services.GetRequiredService<ILoggerFactory>(),
            client,
            request.HttpContext.RequestAborted);
    }
}
