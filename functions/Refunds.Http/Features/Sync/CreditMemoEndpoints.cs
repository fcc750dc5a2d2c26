using Refunds.Http.Http;
using Refunds.Application.Sync;
using Refunds.Domain.Organizations;

namespace Refunds.Http.Features.Sync;

/// <summary>How the platform records credit memos and an organization's refund settings: idempotent PUTs by role Sync.</summary>
public static class CreditMemoEndpoints
{
    /// <summary>PUT credit memo: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string CreditMemoRoute = "organizations/{orgId}/credit-memos/{creditMemoId}";

    /// <summary>PUT organization settings: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string SettingsRoute = "organizations/{orgId}/settings";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut(CreditMemoRoute, PutCreditMemoAsync)
            .WithName("PutCreditMemo")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut(SettingsRoute, PutSettingsAsync)
            .WithName("PutOrganizationSettings")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<IResult> PutCreditMemoAsync(string orgId, string creditMemoId, HttpContext context, UpsertCreditMemoHandler handler, CancellationToken cancellationToken)
    {
        if (SyncEndpoints.Check(context, orgId, creditMemoId, "creditMemoId") is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<CreditMemoBody>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (memo, errors) = body!.ToCreditMemo(orgId, creditMemoId);
        if (memo is null)
        {
            return Problems.Validation(errors);
        }

        var outcome = await handler.HandleAsync(memo, cancellationToken);
        return outcome == UpsertOutcome.Locked
            ? Problems.Status(
                409,
                "Credit memo in use",
                "Refunds made here hold or took part of this credit memo: its invoice and currency cannot change, and its amount less refundedAmount must still cover them.",
                "credit_memo_locked")
            : SyncEndpoints.Answer(outcome, $"/api/organizations/{orgId}/credit-memos/{creditMemoId}");
    }

    public static async Task<IResult> PutSettingsAsync(string orgId, HttpContext context, UpsertSettingsHandler handler, CancellationToken cancellationToken)
    {
        if (SyncEndpoints.Check(context, orgId, "settings", "orgId") is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<SettingsBody>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (recording, errors) = body!.Parse();
        if (recording is null)
        {
            return Problems.Validation(errors);
        }

        var settings = OrganizationSettings.Create(orgId, recording.Value, body.ExportsToIntacct);
        if (settings.Error is { } error)
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Settings not allowed", error.Message, error.Code);
        }

        return SyncEndpoints.Answer(await handler.HandleAsync(settings.Value, cancellationToken), $"/api/organizations/{orgId}/settings");
    }
}
