using Refunds.Application.Status;
using Refunds.Domain.Refunds;

namespace Refunds.Http.Features.RefundStatus;

public sealed record RefundStatusResponse(
    string RefundId,
    string OrganizationId,
    string PaymentId,
    string Kind,
    long Amount,
    string Currency,
    string RuntimeStatus,
    string Step,
    string? CustomStatus,
    string? Reason,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? NextAttemptAt,
    StripeView Stripe,
    IntacctView Intacct,
    IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<HistoryView> History,
    ErrorView? LastError,
    FundsView? Funds = null,
    IReadOnlyList<string>? Warnings = null,
    OrchestrationView? Orchestration = null,
    LinkedToView? LinkedTo = null)
{
    public static RefundStatusResponse From(RefundStatusView view)
    {
        var w = view.Workflow;
        return new RefundStatusResponse(
            w.RefundId,
            w.OrganizationId,
            w.PaymentId,
            w.Kind.ToString(),
            w.Amount.MinorUnits,
            w.Amount.Currency,
            w.RuntimeStatus.ToString(),
            w.Step.ToString(),
            w.CustomStatus,
            w.Reason?.ToString(),
            w.RequestedBy,
            w.CreatedAt,
            w.UpdatedAt,
            w.CompletedAt,
            w.IsTerminal ? null : w.DueAt,
            new StripeView(w.StripeRefundId, w.StripeRefundStatus is { } s ? StripeStatusText(s) : null),
            new IntacctView(
                w.IntacctStatus.ToString(),
                w.IntacctArPaymentKey,
                w.IntacctAttempts,
                w.IntacctPending ? w.IntacctDueAt : null,
                w.IntacctError is { } ie ? new IntacctErrorView(ie.ErrorNumber, ie.Description, ie.At) : null),
            view.Invoices.Select(i => new InvoiceView(i.InvoiceId, i.Amount.MinorUnits, i.PaidAmountMinor, i.Amount.Currency, i.Status.ToString(), i.InDispute, i.InCollections)).ToList(),
            view.History.Select(h => new HistoryView(h.Sequence, h.Step.ToString(), h.At, h.Outcome, h.Detail)).ToList(),
            w.LastError is { } e ? new ErrorView(e.Step.ToString(), e.At, e.Message) : null,
            w.FundsWait is { } f
                ? new FundsView(f.Available.MinorUnits, f.Pending.MinorUnits, f.ShortOf(w.Amount).MinorUnits, f.Available.Currency, f.CheckedAt, f.GiveUpAt)
                : null,
            w.Warnings,
            view.Orchestration is { } o ? new OrchestrationView(o.InstanceId, o.Name, o.RuntimeStatus, o.CreatedAt, o.LastUpdatedAt) : null,
            LinkedToView.From(w, view.CreditMemo));
    }

    private static string StripeStatusText(StripeRefundStatus status) => status switch
    {
        StripeRefundStatus.RequiresAction => "requires_action",
        _ => status.ToString().ToLowerInvariant(),
    };
}

public sealed record StripeView(string? RefundId, string? Status);

public sealed record IntacctView(string Status, string? ArPaymentKey, int Attempts, DateTimeOffset? NextAttemptAt, IntacctErrorView? Error);

public sealed record IntacctErrorView(string ErrorNumber, string Description, DateTimeOffset At);

public sealed record InvoiceView(string InvoiceId, long Amount, long PaidAmount, string Currency, string Status, bool InDispute, bool InCollections);

public sealed record HistoryView(int Sequence, string Step, DateTimeOffset At, string Outcome, string? Detail);

/// <summary>The connected account's balance as last checked while the refund waits for funds (minor units).</summary>
public sealed record FundsView(long Available, long Pending, long Short, string Currency, DateTimeOffset CheckedAt, DateTimeOffset? GiveUpAt);

public sealed record ErrorView(string Step, DateTimeOffset At, string Message);

/// <summary>The Durable instance driving the refund, for Durable's own management API and monitoring tools.</summary>
public sealed record OrchestrationView(string InstanceId, string Name, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);

/// <summary>
/// What the refund is recorded against (<c>payment</c> or <c>creditMemo</c>) and, for a credit memo, its amounts as they
/// stand now (minor units): after the refund once it completed, with this refund held while it runs.
/// </summary>
public sealed record LinkedToView(
    string Type,
    string Id,
    long? Amount = null,
    long? RefundedAmount = null,
    long? ReservedAmount = null,
    long? RemainingAmount = null,
    string? Currency = null,
    string? Status = null)
{
    public static LinkedToView From(RefundWorkflow workflow, Refunds.Domain.CreditMemos.CreditMemo? memo)
    {
        var link = workflow.LinkedTo;
        if (link.Type == RefundLinkType.Payment)
        {
            return new LinkedToView("payment", link.Id);
        }

        return memo is null
            ? new LinkedToView("creditMemo", link.Id)
            : new LinkedToView("creditMemo", link.Id, memo.Amount.MinorUnits, memo.TotalRefundedMinor, memo.ReservedMinor, memo.RemainingMinor, memo.Amount.Currency, memo.Status.ToString());
    }
}
