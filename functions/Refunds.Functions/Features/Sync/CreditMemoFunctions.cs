using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Features.Sync;
using Refunds.Application.Sync;

namespace Refunds.Functions.Features.Sync;

/// <summary>Recording credit memos and settings changes the ledger only: no orchestration is signalled, so no client is bound.</summary>
public static class CreditMemoFunctions
{
    [Function("PutCreditMemo")]
    [Authorize]
    public static Task<IResult> PutCreditMemo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = CreditMemoEndpoints.CreditMemoRoute)] HttpRequest request,
        string orgId,
        string creditMemoId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return CreditMemoEndpoints.PutCreditMemoAsync(
            orgId,
            creditMemoId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<UpsertCreditMemoHandler>(),
            request.HttpContext.RequestAborted);
    }

    [Function("PutOrganizationSettings")]
    [Authorize]
    public static Task<IResult> PutOrganizationSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = CreditMemoEndpoints.SettingsRoute)] HttpRequest request,
        string orgId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return CreditMemoEndpoints.PutSettingsAsync(
            orgId,
            request.HttpContext,
            context.InstanceServices.GetRequiredService<UpsertSettingsHandler>(),
            request.HttpContext.RequestAborted);
    }
}
