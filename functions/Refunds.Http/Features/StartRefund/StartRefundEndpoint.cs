using Microsoft.DurableTask.Client;
using Refunds.Application.StartRefund;
using Refunds.Domain.Refunds;
using Refunds.Http.Auth;
using Refunds.Http.Http;
using Refunds.Http.Telemetry;

namespace Refunds.Http.Features.StartRefund;

public static class StartRefundEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "organizations/{orgId}/payments/{paymentId}/refunds";

    public const int MaxCommentLength = 500;

    private static readonly Dictionary<string, RefundReason> Reasons = new(StringComparer.Ordinal)
    {
        ["requested_by_customer"] = RefundReason.RequestedByCustomer,
        ["duplicate"] = RefundReason.Duplicate,
        ["fraudulent"] = RefundReason.Fraudulent,
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost(Route, HandleAsync)
            .WithName("StartRefund")
            .RequireAuthorization()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<IResult> HandleAsync(
        string orgId,
        string paymentId,
        HttpContext context,
        StartRefundHandler handler,
        RefundsInstrumentation instrumentation,
        DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (Problems.InvalidIds(("orgId", orgId), ("paymentId", paymentId)) is { } invalid)
        {
            return invalid;
        }

        if (!context.User.IsAdminOf(orgId))
        {
            return Problems.Forbidden("Refunds need the Admin role of this organization.");
        }

        var (body, problem) = await JsonBody.ReadAsync<StartRefundBody>(context.Request, optional: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        RefundReason? reason = null;
        if (body?.Reason is { } reasonText)
        {
            if (Reasons.TryGetValue(reasonText, out var parsed))
            {
                reason = parsed;
            }
            else
            {
                errors["reason"] = [$"reason must be one of {string.Join(", ", Reasons.Keys)}."];
            }
        }

        if (body?.Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"comment may be at most {MaxCommentLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        using var activity = RefundsInstrumentation.StartRefund(orgId, paymentId);
        var result = await handler.HandleAsync(
            durable,
            new StartRefundCommand(orgId, paymentId, reason, body?.Comment, context.User.Subject()),
            cancellationToken);
        instrumentation.RecordStart(activity, result);

        return result switch
        {
            StartRefundResult.Started started => Accepted(context, started.Workflow),
            StartRefundResult.PaymentNotFound => Problems.NotFound($"Payment {paymentId} was not found in organization {orgId}."),
            StartRefundResult.AlreadyRefunding conflict => Problems.Status(
                StatusCodes.Status409Conflict,
                "Already refunded or refunding",
                conflict.Message,
                conflict.Code,
                conflict.ExistingRefundId is { } existing
                    ? new Dictionary<string, object?> { ["refundId"] = existing, ["refund"] = StatusLocation(orgId, existing) }
                    : null),
            StartRefundResult.NotRefundable refused => Problems.Status(StatusCodes.Status422UnprocessableEntity, "Payment not refundable", refused.Message, refused.Code),
            _ => throw new InvalidOperationException($"Unhandled result {result.GetType().Name}."),
        };
    }

    public static string StatusLocation(string orgId, string refundId) => $"/api/organizations/{orgId}/refunds/{refundId}";

    private static IResult Accepted(HttpContext context, RefundWorkflow workflow)
    {
        var location = StatusLocation(workflow.OrganizationId, workflow.RefundId);
        context.Response.Headers.RetryAfter = "2";
        return Results.Accepted(location, new
        {
            refundId = workflow.RefundId,
            paymentId = workflow.PaymentId,
            status = workflow.RuntimeStatus,
            statusUrl = location,
        });
    }
}
