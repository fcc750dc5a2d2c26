using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.Sync;
using Refunds.Application.Sync;

namespace Refunds.Functions.Features.Sync;

/// <summary>Recording payments and invoices changes the ledger only: no orchestration is signalled, so no client is bound.</summary>
public static class SyncFunctions
{
    [Function("PutPayment")]
    [Authorize]
    public static Task<IResult> PutPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = SyncEndpoints.PaymentRoute)] HttpRequest request,
        string orgId,
        string paymentId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return SyncEndpoints.PutPaymentAsync(
            orgId,
            paymentId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<UpsertPaymentHandler>(),
            request.HttpContext.RequestAborted);
    }

    [Function("PutInvoice")]
    [Authorize]
    public static Task<IResult> PutInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = SyncEndpoints.InvoiceRoute)] HttpRequest request,
        string orgId,
        string invoiceId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return SyncEndpoints.PutInvoiceAsync(
            orgId,
            invoiceId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<UpsertInvoiceHandler>(),
            request.HttpContext.RequestAborted);
    }
}
