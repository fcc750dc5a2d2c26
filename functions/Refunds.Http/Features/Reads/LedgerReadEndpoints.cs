using Refunds.Application.Reads;
using Refunds.Http.Auth;
using Refunds.Http.Http;

namespace Refunds.Http.Features.Reads;

/// <summary>
/// Reading back what the platform synced: a payment (with the refund that holds it), an invoice, a credit memo and the
/// organization's settings. The organization's Admin, Ops and the platform (Sync, limited to the organization its token
/// names, if it names one) may read; an id of another
/// organization is not in this organization's partition, so it answers 404 like an unknown one.
/// </summary>
public static class LedgerReadEndpoints
{
    /// <summary>GET payment: the route template under the <c>/api</c> prefix (the PUT's template), for the local host's Map and the function's HttpTrigger.</summary>
    public const string PaymentRoute = "organizations/{orgId}/payments/{paymentId}";

    /// <summary>GET invoice: the route template under the <c>/api</c> prefix.</summary>
    public const string InvoiceRoute = "organizations/{orgId}/invoices/{invoiceId}";

    /// <summary>GET credit memo: the route template under the <c>/api</c> prefix.</summary>
    public const string CreditMemoRoute = "organizations/{orgId}/credit-memos/{creditMemoId}";

    /// <summary>GET organization settings: the route template under the <c>/api</c> prefix.</summary>
    public const string SettingsRoute = "organizations/{orgId}/settings";

    public static void Map(IEndpointRouteBuilder api)
    {
        Describe<PaymentResponse>(api.MapGet(PaymentRoute, GetPaymentAsync).WithName("GetPayment"), notFound: true);
        Describe<InvoiceResponse>(api.MapGet(InvoiceRoute, GetInvoiceAsync).WithName("GetInvoice"), notFound: true);
        Describe<CreditMemoResponse>(api.MapGet(CreditMemoRoute, GetCreditMemoAsync).WithName("GetCreditMemo"), notFound: true);
        Describe<SettingsResponse>(api.MapGet(SettingsRoute, GetSettingsAsync).WithName("GetOrganizationSettings"), notFound: false);
    }

    public static async Task<IResult> GetPaymentAsync(string orgId, string paymentId, HttpContext context, LedgerReads reads, CancellationToken cancellationToken) =>
        Check(context, orgId, ("paymentId", paymentId))
        ?? (await reads.GetPaymentAsync(orgId, paymentId, cancellationToken) is { } payment
            ? Results.Ok(PaymentResponse.From(payment))
            : Problems.NotFound($"Payment {paymentId} was not found in organization {orgId}."));

    public static async Task<IResult> GetInvoiceAsync(string orgId, string invoiceId, HttpContext context, LedgerReads reads, CancellationToken cancellationToken) =>
        Check(context, orgId, ("invoiceId", invoiceId))
        ?? (await reads.GetInvoiceAsync(orgId, invoiceId, cancellationToken) is { } invoice
            ? Results.Ok(InvoiceResponse.From(invoice))
            : Problems.NotFound($"Invoice {invoiceId} was not found in organization {orgId}."));

    public static async Task<IResult> GetCreditMemoAsync(string orgId, string creditMemoId, HttpContext context, LedgerReads reads, CancellationToken cancellationToken) =>
        Check(context, orgId, ("creditMemoId", creditMemoId))
        ?? (await reads.GetCreditMemoAsync(orgId, creditMemoId, cancellationToken) is { } memo
            ? Results.Ok(CreditMemoResponse.From(memo))
            : Problems.NotFound($"Credit memo {creditMemoId} was not found in organization {orgId}."));

    /// <summary>An organization the platform never set answers its defaults, with <c>configured: false</c>.</summary>
    public static async Task<IResult> GetSettingsAsync(string orgId, HttpContext context, LedgerReads reads, CancellationToken cancellationToken) =>
        Check(context, orgId) ?? Results.Ok(SettingsResponse.From(await reads.GetSettingsAsync(orgId, cancellationToken)));

    private static IResult? Check(HttpContext context, string orgId, params (string Name, string Value)[] ids)
    {
        if (Problems.InvalidIds([("orgId", orgId), .. ids]) is { } invalid)
        {
            return invalid;
        }

        return context.User.IsAdminOf(orgId) || context.User.IsInRole(Roles.Ops) || context.User.MaySyncFor(orgId)
            ? null
            : Problems.Forbidden("Reading the ledger needs the Admin role of this organization, the Ops role, or the Sync role (for this organization, when the token names one).");
    }

    private static void Describe<T>(RouteHandlerBuilder endpoint, bool notFound)
    {
        endpoint
            .RequireAuthorization()
            .Produces<T>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        if (notFound)
        {
            endpoint.ProducesProblem(StatusCodes.Status404NotFound);
        }
    }
}
