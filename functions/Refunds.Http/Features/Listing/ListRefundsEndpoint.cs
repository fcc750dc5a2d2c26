using System.Globalization;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.Http.Auth;
using Refunds.Http.Http;
using Refunds.Http.OpenApi;

namespace Refunds.Http.Features.Listing;

/// <summary><c>GET /api/organizations/{orgId}/refunds</c>: an organization's refunds, newest first, filtered and paged.</summary>
public static class ListRefundsEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "organizations/{orgId}/refunds";

    public const string ListName = "organization";

    private static readonly Dictionary<string, RuntimeStatus> Statuses =
        Enum.GetValues<RuntimeStatus>().ToDictionary(s => s.ToString(), s => s, StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet(Route, HandleAsync)
            .WithName("ListRefunds")
            .RequireAuthorization()
            .Produces<RefundListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithQueryParameters(
                ("paymentId", "Only refunds of this payment.", false),
                ("status", "Only refunds in these statuses: Pending, Running, Waiting, Completed, Failed, Canceled (repeatable).", true),
                ("createdFrom", "Only refunds created at or after this ISO 8601 date-time.", false),
                ("createdTo", "Only refunds created before this ISO 8601 date-time.", false),
                ("pageSize", "Items per page, 1 to 100 (default 25).", false),
                ("continuationToken", "The previous page's continuationToken, with the same filters.", false));

    public static async Task<IResult> HandleAsync(string orgId, HttpContext context, RefundLists lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lists);
        if (Problems.InvalidIds(("orgId", orgId)) is { } invalid)
        {
            return invalid;
        }

        if (!context.User.IsAdminOf(orgId) && !context.User.IsInRole(Roles.Ops))
        {
            return Problems.Forbidden("Listing an organization's refunds needs the Admin role of this organization or the Ops role.");
        }

        var query = new ListQuery(context.Request.Query);
        var paymentId = query.Single("paymentId");
        if (paymentId is not null && !Ids.IsValid(paymentId))
        {
            query.Errors["paymentId"] = ["paymentId must be 1-64 characters of letters, digits, '_' or '-'."];
        }

        var statuses = query.OneOf("status", Statuses);
        var (from, to) = (query.Time("createdFrom"), query.Time("createdTo"));
        if (from is { } f && to is { } t && f >= t)
        {
            query.Errors["createdTo"] = ["createdTo must be later than createdFrom."];
        }

        var pageSize = query.PageSize();
        var filter = new RefundListFilter(paymentId, statuses, from, to);
        var scope = "org:" + orgId;
        var filters = Canonical(filter);
        var after = query.Single("continuationToken") is { } token ? lists.Tokens.Open(token, scope, filters) ?? Refused(query) : null;
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var page = await lists.OrganizationRefunds.ListAsync(orgId, filter, after, pageSize, cancellationToken);
        return Results.Ok(lists.Answer(page, ListName, scope, filters));
    }

    private static string? Refused(ListQuery query)
    {
        query.Errors["continuationToken"] = ["continuationToken is not a token this list issued for this organization and these filters."];
        return null;
    }

    private static string Canonical(RefundListFilter filter) => string.Join(
        ';',
        "paymentId=" + filter.PaymentId,
        "status=" + string.Join(',', filter.Statuses.Order()),
        "createdFrom=" + filter.CreatedFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        "createdTo=" + filter.CreatedTo?.UtcTicks.ToString(CultureInfo.InvariantCulture));
}
