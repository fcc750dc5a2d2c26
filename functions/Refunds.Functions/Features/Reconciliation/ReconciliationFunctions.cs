using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Reconciliation;
using Refunds.Http.Features.Reconciliation;

namespace Refunds.Functions.Features.Reconciliation;

public static class ReconciliationFunctions
{
    [Function("StartReconciliation")]
    [Authorize]
    public static async Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReconciliationEndpoints.StartRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await ReconciliationEndpoints.StartAsync(
            request.HttpContext, context.InstanceServices.GetRequiredService<StartReconciliationHandler>(), client, request.HttpContext.RequestAborted);
    }

    [Function("GetReconciliation")]
    [Authorize]
    public static async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReconciliationEndpoints.GetRoute)] HttpRequest request,
        string runId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await ReconciliationEndpoints.GetAsync(
            runId, request.HttpContext, context.InstanceServices.GetRequiredService<ReconciliationQuery>(), request.HttpContext.RequestAborted);
    }

    /// <remarks>Binds the Durable client: recording a refund of an exported payment starts its Intacct reversal.</remarks>
    [Function("RecordReconciliationFinding")]
    [Authorize]
    public static async Task<IResult> Record(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReconciliationEndpoints.RecordRoute)] HttpRequest request,
        string runId,
        string findingId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await ReconciliationEndpoints.RecordAsync(
            runId, findingId, request.HttpContext, context.InstanceServices.GetRequiredService<RecordOutsideRefundHandler>(), client, request.HttpContext.RequestAborted);
    }
}
