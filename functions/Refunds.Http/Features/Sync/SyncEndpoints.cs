using Refunds.Application.Sync;
using Refunds.Http.Auth;
using Refunds.Http.Http;

namespace Refunds.Http.Features.Sync;

/// <summary>How the platform records payments and invoices here: idempotent PUTs by a service holding role Sync.</summary>
public static class SyncEndpoints
{
    /// <summary>PUT payment: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string PaymentRoute = "organizations/{orgId}/payments/{paymentId}";

    /// <summary>PUT invoice: the route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string InvoiceRoute = "organizations/{orgId}/invoices/{invoiceId}";

    public static void Map(IEndpointRouteBuilder api)
    {
        Describe(api.MapPut(PaymentRoute, PutPaymentAsync).WithName("PutPayment").RequireAuthorization());
        Describe(api.MapPut(InvoiceRoute, PutInvoiceAsync).WithName("PutInvoice").RequireAuthorization());
    }

    private static void Describe(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK)
        .Produces(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<IResult> PutPaymentAsync(string orgId, string paymentId, HttpContext context, UpsertPaymentHandler handler, CancellationToken cancellationToken)
    {
        if (Check(context, orgId, paymentId, "paymentId") is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<PaymentBody>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (payment, errors) = body!.ToPayment(orgId, paymentId);
        if (payment is null)
        {
            return Problems.Validation(errors);
        }

        return Answer(await handler.HandleAsync(payment, cancellationToken), $"/api/organizations/{orgId}/payments/{paymentId}");
    }

    public static async Task<IResult> PutInvoiceAsync(string orgId, string invoiceId, HttpContext context, UpsertInvoiceHandler handler, CancellationToken cancellationToken)
    {
        if (Check(context, orgId, invoiceId, "invoiceId") is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<InvoiceBody>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (invoice, errors) = body!.ToInvoice(orgId, invoiceId);
        if (invoice is null)
        {
            return Problems.Validation(errors);
        }

        return Answer(await handler.HandleAsync(invoice, cancellationToken), $"/api/organizations/{orgId}/invoices/{invoiceId}");
    }

    internal static IResult? Check(HttpContext context, string orgId, string id, string idName)
    {
        if (Problems.InvalidIds(("orgId", orgId), (idName, id)) is { } invalid)
        {
            return invalid;
        }

        if (!context.User.IsInRole(Roles.Sync))
        {
            return Problems.Forbidden("Recording payments, invoices, credit memos and settings needs the Sync role.");
        }

        return context.User.MaySyncFor(orgId) ? null : Problems.Forbidden("This Sync token is limited to the organization in its org_id claim.");
    }

    internal static IResult Answer(UpsertOutcome outcome, string location) => outcome switch
    {
        UpsertOutcome.Created => Results.Created(location, new { outcome = "created" }),
        UpsertOutcome.Updated => Results.Ok(new { outcome = "updated" }),
        UpsertOutcome.Unchanged => Results.Ok(new { outcome = "unchanged" }),
        UpsertOutcome.Locked => Problems.Status(409, "Payment locked by a refund", "A refund owns this payment now; its status can no longer be rewritten.", "payment_locked"),
        UpsertOutcome.PaymentIntentTaken => Problems.Status(409, "Payment intent taken", "Another payment already records this Stripe payment intent.", "payment_intent_taken"),
        UpsertOutcome.IntacctArPaymentTaken => Problems.Status(
            409, "Intacct AR payment taken", "Another payment of this organization already records this Intacct AR payment (intacctArPaymentKey).", "intacct_ar_payment_taken"),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
