using System.Globalization;
using Microsoft.DurableTask.Client;
using Refunds.Application.Reconciliation;
using Refunds.Domain.Reconciliation;
using Refunds.Http.Auth;
using Refunds.Http.Features.StartRefund;
using Refunds.Http.Http;

namespace Refunds.Http.Features.Reconciliation;

/// <summary>
/// Reconciliation with Stripe, for Ops: start a run over a window, read it with its findings, and record a refund a run
/// found made outside this service.
/// </summary>
public static class ReconciliationEndpoints
{
    /// <summary>Start: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string StartRoute = "ops/reconciliations";

    /// <summary>Read a run: the route template under the <c>/api</c> prefix.</summary>
    public const string GetRoute = "ops/reconciliations/{runId}";

    /// <summary>Record an unrecorded refund: the route template under the <c>/api</c> prefix.</summary>
    public const string RecordRoute = "ops/reconciliations/{runId}/findings/{findingId}/record";

    public const int DefaultPageSize = 100;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(StartRoute, StartAsync)
            .WithName("StartReconciliation")
            .RequireAuthorization()
            .Produces<ReconciliationResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet(GetRoute, GetAsync)
            .WithName("GetReconciliation")
            .RequireAuthorization()
            .Produces<ReconciliationResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(RecordRoute, RecordAsync)
            .WithName("RecordReconciliationFinding")
            .RequireAuthorization()
            .Produces<RecordedFindingResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<IResult> StartAsync(HttpContext context, StartReconciliationHandler handler, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (RequireOps(context) is { } forbidden)
        {
            return forbidden;
        }

        var (body, problem) = await JsonBody.ReadAsync<ReconciliationBody>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (run, errors) = await handler.HandleAsync(
            durable, new StartReconciliationCommand(body!.From, body.To, body.ConnectedAccountId, context.User.Subject()), cancellationToken);
        if (run is null)
        {
            return Problems.Validation(errors!);
        }

        var location = ReconciliationResponse.EndpointsLocation(run.RunId);
        context.Response.Headers.RetryAfter = "2";
        return Results.Accepted(location, new { id = run.RunId, status = run.Status.ToString(), statusUrl = location });
    }

    public static async Task<IResult> GetAsync(string runId, HttpContext context, ReconciliationQuery query, CancellationToken cancellationToken)
    {
        if (Problems.InvalidIds(("runId", runId)) is { } invalid)
        {
            return invalid;
        }

        if (RequireOps(context) is { } forbidden)
        {
            return forbidden;
        }

        var request = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var pageSize = DefaultPageSize;
        if (request.TryGetValue("pageSize", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            errors["pageSize"] = ["pageSize must be a whole number from 1 to 1000."];
        }

        string? after = request.TryGetValue("after", out var afterText) ? afterText.ToString() : null;
        if (after is not null && !Domain.Common.Ids.IsValid(after))
        {
            errors["after"] = ["after must be a finding id, as the previous page's nextPage link gives it."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var view = await query.GetAsync(runId, after, pageSize, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound($"Reconciliation {runId} was not found.");
        }

        if (!view.Run.IsFinal)
        {
            context.Response.Headers.RetryAfter = "2";
        }

        return Results.Ok(ReconciliationResponse.Of(view, pageSize));
    }

    public static async Task<IResult> RecordAsync(
        string runId, string findingId, HttpContext context, RecordOutsideRefundHandler handler, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (Problems.InvalidIds(("runId", runId), ("findingId", findingId)) is { } invalid)
        {
            return invalid;
        }

        if (RequireOps(context) is { } forbidden)
        {
            return forbidden;
        }

        var result = await handler.HandleAsync(durable, runId, findingId, context.User.Subject(), cancellationToken);
        return result switch
        {
            RecordFindingResult.Recorded recorded => Results.Ok(RecordedFindingResponse.From(runId, recorded)),
            RecordFindingResult.NotFound missing => Problems.NotFound(missing.What),
            RecordFindingResult.Refused refused => Problems.Status(
                StatusCodes.Status409Conflict,
                "Finding not recorded",
                refused.Message,
                refused.Code,
                new Dictionary<string, object?> { ["findingCode"] = refused.Finding.Code.ToWire(), ["findingId"] = findingId }),
            _ => throw new InvalidOperationException($"Unhandled result {result.GetType().Name}."),
        };
    }

    private static IResult? RequireOps(HttpContext context) =>
        context.User.IsInRole(Roles.Ops) ? null : Problems.Forbidden("Reconciliation needs the Ops role.");
}

/// <summary>The refund recorded for an outside refund, and the finding as it stands now.</summary>
public sealed record RecordedFindingResponse(string RefundId, string Status, string StatusUrl, bool AlreadyRecorded, FindingResponse Finding)
{
    public static RecordedFindingResponse From(string runId, RecordFindingResult.Recorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var workflow = recorded.Workflow;
        return new RecordedFindingResponse(
            workflow.RefundId,
            workflow.RuntimeStatus.ToString(),
            StartRefundEndpoint.StatusLocation(workflow.OrganizationId, workflow.RefundId),
            recorded.AlreadyRecorded,
            FindingResponse.From(runId, recorded.Finding));
    }
}
