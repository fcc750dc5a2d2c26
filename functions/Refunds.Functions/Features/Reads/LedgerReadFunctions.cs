using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Reads;
using Refunds.Http.Features.Reads;

namespace Refunds.Functions.Features.Reads;

/// <summary>Reading back what the platform synced reads the ledger only: no orchestration is read or signalled, so no client is bound.</summary>
public static class LedgerReadFunctions
{
    [Function("GetPayment")]
    [Authorize]
    public static Task<IResult> GetPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LedgerReadEndpoints.PaymentRoute)] HttpRequest request,
        string orgId,
        string paymentId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LedgerReadEndpoints.GetPaymentAsync(orgId, paymentId, request.HttpContext, Reads(context), request.HttpContext.RequestAborted);
    }

    [Function("GetInvoice")]
    [Authorize]
    public static Task<IResult> GetInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LedgerReadEndpoints.InvoiceRoute)] HttpRequest request,
        string orgId,
        string invoiceId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LedgerReadEndpoints.GetInvoiceAsync(orgId, invoiceId, request.HttpContext, Reads(context), request.HttpContext.RequestAborted);
    }

    [Function("GetCreditMemo")]
    [Authorize]
    public static Task<IResult> GetCreditMemo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LedgerReadEndpoints.CreditMemoRoute)] HttpRequest request,
        string orgId,
        string creditMemoId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LedgerReadEndpoints.GetCreditMemoAsync(orgId, creditMemoId, request.HttpContext, Reads(context), request.HttpContext.RequestAborted);
    }

    [Function("GetOrganizationSettings")]
    [Authorize]
    public static Task<IResult> GetOrganizationSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = LedgerReadEndpoints.SettingsRoute)] HttpRequest request,
        string orgId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LedgerReadEndpoints.GetSettingsAsync(orgId, request.HttpContext, Reads(context), request.HttpContext.RequestAborted);
    }

    private static LedgerReads Reads(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<LedgerReads>();
    }
}
