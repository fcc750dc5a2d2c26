using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.Http.Auth;
using Refunds.Http.Http;
using Refunds.Http.OpenApi;

namespace Refunds.Http.Features.Listing;

/// <summary><c>GET /api/refunds</c>: what needs ops, across organizations, oldest first.</summary>
public static class AttentionEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "refunds";

    public const string ListName = "attention";

    private static readonly Dictionary<string, AttentionReason> Reasons =
        Enum.GetValues<AttentionReason>().ToDictionary(RefundListItem.AttentionText, r => r, StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet(Route, HandleAsync)
            .WithName("ListRefundsNeedingAttention")
            .RequireAuthorization()
            .Produces<RefundListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithQueryParameters(
                ("attention", "Only refunds with these reasons: waiting_for_funds, intacct_failed, failed, stalled, warnings (repeatable; default all).", true),
                ("orgId", "Only this organization's refunds.", false),
                ("olderThan", "Only refunds created before this ISO 8601 date-time, or longer ago than this ISO 8601 duration (PT6H, P2D).", false),
                ("pageSize", "Items per page, 1 to 100 (default 25).", false),
                ("continuationToken", "The previous page's continuationToken, with the same filters.", false));

    public static async Task<IResult> HandleAsync(HttpContext context, RefundLists lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lists);
        if (!context.User.IsInRole(Roles.Ops))
        {
            return Problems.Forbidden("The refunds needing attention across organizations are for the Ops role.");
        }

        var query = new ListQuery(context.Request.Query);
        var reasons = query.OneOf("attention", Reasons);
        var orgId = query.Single("orgId");
        if (orgId is not null && !Ids.IsValid(orgId))
        {
            query.Errors["orgId"] = ["orgId must be 1-64 characters of letters, digits, '_' or '-'."];
        }

        var olderThan = query.TimeOrAgo("olderThan", lists.Time.GetUtcNow());
        var pageSize = query.PageSize();
        var filter = new AttentionFilter(reasons.Count == 0 ? Reasons.Values.ToHashSet() : reasons, orgId, olderThan);
        var filters = Canonical(filter, query.Single("olderThan"));
        var after = query.Single("continuationToken") is { } token
            ? lists.Tokens.Open(token, ListName, filters) ?? Refused(query)
            : null;
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var page = await lists.Attention.ListAsync(filter, after, pageSize, cancellationToken);
        return Results.Ok(lists.Answer(page, ListName, ListName, filters));
    }

    private static string? Refused(ListQuery query)
    {
        query.Errors["continuationToken"] = ["continuationToken is not a token this list issued for these filters."];
        return null;
    }

    /// <remarks>
    /// <c>olderThan</c> is bound as the client wrote it: a duration (<c>PT6H</c>) moves with the clock from page to page,
    /// and the pages of one query still belong together.
    /// </remarks>
    private static string Canonical(AttentionFilter filter, string? olderThan) => string.Join(
        ';',
        "attention=" + string.Join(',', filter.Reasons.Order()),
        "orgId=" + filter.OrganizationId,
        "olderThan=" + olderThan?.ToUpperInvariant());
}
