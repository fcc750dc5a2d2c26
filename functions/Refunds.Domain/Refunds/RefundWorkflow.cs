using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// A refund as a pure state machine. Every method takes the current state and what happened, and returns
/// the next state; nothing here touches I/O, so every path is tested without storage or Stripe.
/// <see cref="Sequence"/> increases with every transition (a version for logs and history). The record is the
/// arbiter of the orchestration that drives it: see <see cref="Stage"/>.
/// </summary>
public sealed partial record RefundWorkflow
{
    public required string RefundId { get; init; }
    public required string OrganizationId { get; init; }
    public required string PaymentId { get; init; }
    public required WorkflowKind Kind { get; init; }
    public required Money Amount { get; init; }
    public required string StripePaymentIntentId { get; init; }
    public required string ConnectedAccountId { get; init; }
    public RefundReason? Reason { get; init; }
    public string? Comment { get; init; }
    public required string RequestedBy { get; init; }
    public required RuntimeStatus RuntimeStatus { get; init; }
    public required RefundStep Step { get; init; }
    public required int Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the current step should run: the orchestration sleeps on a durable timer until then.</summary>
    public required DateTimeOffset DueAt { get; init; }
    public string? StripeRefundId { get; init; }
    public StripeRefundStatus? StripeRefundStatus { get; init; }
    public int PollAttempts { get; init; }
    public string? CustomStatus { get; init; }
    public WorkflowError? LastError { get; init; }
    public IntacctStatus IntacctStatus { get; init; } = IntacctStatus.NotApplicable;
    public string? IntacctArPaymentKey { get; init; }
    public IReadOnlyList<ReopenedInvoice> ReopenedInvoices { get; init; } = [];
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many history lines exist; the next line gets this number.</summary>
    public int HistoryCount { get; init; }

    /// <summary>
    /// How many create attempts Stripe answered with a definite "nothing refunded" (insufficient balance).
    /// Stripe replays a key's first answer, errors included, for 24 hours, so each such attempt needs a new key.
    /// </summary>
    public int CreateAttempt { get; init; }

    /// <summary>Things ops must settle by hand that did not stop the workflow (see <see cref="ReopenInvoices"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set while the refund waits for the connected account's balance; see <see cref="Refunds.FundsWait"/>.</summary>
    public FundsWait? FundsWait { get; init; }

    /// <summary>The Stripe idempotency key: deterministic per refund id and create attempt.</summary>
    public string StripeIdempotencyKey => CreateAttempt == 0 ? $"refund-{RefundId}" : $"refund-{RefundId}-{CreateAttempt}";

    public bool IsTerminal => RuntimeStatus.IsTerminal();

    /// <summary>Claims the payment for a new refund workflow, or says why it cannot be refunded.</summary>
    /// <param name="syncedInvoiceIds">Which of the payment's allocated invoices the ledger holds.</param>
    /// <param name="recording">How the organization records refunds.</param>
    /// <param name="creditMemos">Credit memos crediting the payment's invoices, when <paramref name="recording"/> is <see cref="RefundRecording.CreditMemo"/>.</param>
    public static Result<Transition> Start(
        Payment payment,
        StartRefundRequest request,
        DateTimeOffset now,
        IReadOnlySet<string> syncedInvoiceIds,
        RefundRecording recording = RefundRecording.Payment,
        IReadOnlyList<CreditMemo>? creditMemos = null)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(syncedInvoiceIds);
        if (payment.CheckRefundable() is { } error)
        {
            return error;
        }

        // Once Stripe has moved the money the refund must be recorded whatever the ledger lacks, so an invoice
        // the platform has not synced yet stops the refund here, before anything reaches Stripe.
        if (payment.UnsyncedInvoices(syncedInvoiceIds) is { Count: > 0 } unsynced)
        {
            return new DomainError(
                "invoices_not_synced",
                $"The payment is allocated to invoices that have not been synced yet: {string.Join(", ", unsynced)}. Sync them, then start the refund again.");
        }

        // The link is decided here, before any money moves, and the memo's amount is held in the same commit that
        // claims the payment: a concurrent start holding the same memo makes one of the two commits lose its ETag.
        var memo = recording == RefundRecording.CreditMemo ? CreditMemoChoice.For(payment, creditMemos ?? []) : null;
        var workflow = NewFor(payment, request.RefundId, WorkflowKind.Refund, RefundStep.CreateStripeRefund, RuntimeStatus.Pending, request.RequestedBy, now) with
        {
            Reason = request.Reason,
            Comment = request.Comment,
            LinkedCreditMemoId = memo?.CreditMemoId,
        };
        var claimed = payment with { ActiveRefundId = request.RefundId };
        var linked = memo is null ? "linked to the payment" : $"linked to credit memo {memo.CreditMemoId}";
        var (started, history) = workflow.Record(RefundStep.CreateStripeRefund, now, "Started", $"Requested by {request.RequestedBy}; {linked}");
        return new Transition(started, history, claimed, CreditMemo: memo?.Reserve(payment.Amount.MinorUnits));
    }

    /// <summary>A new instance for <paramref name="payment"/>, about to run <paramref name="step"/>.</summary>
    private static RefundWorkflow NewFor(Payment payment, string id, WorkflowKind kind, RefundStep step, RuntimeStatus status, string requestedBy, DateTimeOffset now) => new()
    {
        RefundId = id,
        OrganizationId = payment.OrganizationId,
        PaymentId = payment.PaymentId,
        Kind = kind,
        Amount = payment.Amount,
        StripePaymentIntentId = payment.StripePaymentIntentId,
        ConnectedAccountId = payment.ConnectedAccountId,
        RequestedBy = requestedBy,
        RuntimeStatus = status,
        Step = step,
        Sequence = 0,
        CreatedAt = now,
        UpdatedAt = now,
        DueAt = now,
        IntacctArPaymentKey = payment.IntacctArPaymentKey,
    };

    /// <summary>Stripe answered the create call or a poll with the refund's current state.</summary>
    /// <param name="balance">The connected account's balance, read when Stripe holds the refund for insufficient funds.</param>
    public Transition OnStripeRefund(StripeRefundSnapshot refund, Payment payment, DateTimeOffset now, PollingPolicy polling, AccountBalance? balance = null)
    {
        EnsureAt(RefundStep.CreateStripeRefund, RefundStep.AwaitStripeRefund);
        var heldForFunds = refund.Status == Refunds.StripeRefundStatus.Pending && refund.PendingReason == InsufficientFundsReason;
        var seen = this with
        {
            StripeRefundId = refund.Id,
            StripeRefundStatus = refund.Status,
            LastError = null,
            FundsWait = heldForFunds && balance is not null ? FundsWait.From(balance, now, giveUpAt: null) : null,
        };

        switch (refund.Status)
        {
            case Refunds.StripeRefundStatus.Succeeded:
                return seen.MoveTo(RefundStep.ReopenInvoices, RuntimeStatus.Running, now, now, null)
                    .Record(Step, now, "StripeRefundSucceeded", refund.Id).ToTransition();

            case Refunds.StripeRefundStatus.Failed or Refunds.StripeRefundStatus.Canceled:
                var reason = refund.FailureReason ?? refund.Status.ToString().ToLowerInvariant();
                return seen.Finish(RuntimeStatus.Failed, now, new WorkflowError(Step, now, $"Stripe refund {refund.Id} {refund.Status.ToString().ToLowerInvariant()}: {reason}"))
                    .Record(Step, now, "StripeRefundFailed", reason)
                    .ToTransition(payment with { ActiveRefundId = null });

            default:
                var attempts = Step == RefundStep.AwaitStripeRefund ? PollAttempts + 1 : 0;
                var waiting = refund.Status == Refunds.StripeRefundStatus.RequiresAction
                    || refund.PendingReason is not null;
                var custom = refund.Status == Refunds.StripeRefundStatus.RequiresAction
                    ? "Stripe needs the customer to act before the refund can complete."
                    : seen.FundsWait is { } funds
                        ? funds.Describe(seen, refund.Id)
                    : refund.PendingReason is { } pending
                        ? $"Stripe holds the refund as pending ({pending})."
                        : "Waiting for Stripe to settle the refund.";
                return (seen with { PollAttempts = attempts })
                    .MoveTo(RefundStep.AwaitStripeRefund, waiting ? RuntimeStatus.Waiting : RuntimeStatus.Running, now, now + polling.DelayFor(attempts), custom)
                    .Record(RefundStep.AwaitStripeRefund, now, $"StripeRefund{refund.Status}", refund.PendingReason)
                    .ToTransition();
        }
    }

    /// <summary>
    /// Stripe has the money back (or, for a late failure, the bank took it): the payment is refunded (or failed)
    /// and every invoice it settled takes back its share.
    /// </summary>
    /// <remarks>
    /// The rule of this step: once Stripe reports the refund succeeded, nothing may turn it into Failed or leave
    /// the payment succeeded, because our records must say what Stripe did with the money. An allocated invoice the
    /// ledger does not hold (deleted, or never synced for a payment started before the start check existed) cannot
    /// reopen, so the refund completes and names it in <see cref="Warnings"/> and its history for ops to settle.
    /// </remarks>
    public Transition ReopenInvoices(Payment payment, IReadOnlyList<Invoice> invoices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        EnsureAt(RefundStep.ReopenInvoices);
        var byId = invoices.ToDictionary(i => i.InvoiceId, StringComparer.Ordinal);
        var missing = payment.UnsyncedInvoices(byId.Keys.ToHashSet(StringComparer.Ordinal));

        var takenBack = payment.Allocations
            .Where(a => byId.ContainsKey(a.InvoiceId))
            .GroupBy(a => a.InvoiceId, StringComparer.Ordinal)
            .Select(g => (Invoice: byId[g.Key], Amount: g.Sum(a => a.AmountMinor)))
            .ToList();
        var reopened = takenBack.Select(t => t.Invoice.Reopen(t.Amount)).ToList();
        var refunded = payment with
        {
            Status = Kind == WorkflowKind.Refund ? PaymentStatus.Refunded : PaymentStatus.Failed,
        };
        var summary = reopened
            .Zip(takenBack, (i, t) => new ReopenedInvoice(i.InvoiceId, t.Amount, i.Status.ToString(), i.InCollections))
            .ToList();
        var warning = missing.Count == 0
            ? null
            : $"Invoices not found when the {(Kind == WorkflowKind.Refund ? "refund" : "late failure")} was recorded, so they were not reopened: {string.Join(", ", missing)}. Reopen them by hand once they are synced.";

        // A transient error survived by this step is history now; a completed refund shows no current error.
        var recorded = (this with
        {
            LastError = null,
            ReopenedInvoices = summary,
            Warnings = warning is null ? Warnings : [.. Warnings, warning],
        })
            .WithIntacctReversalQueued(payment, now)
            .Finish(RuntimeStatus.Completed, now, null)
            .Record(RefundStep.ReopenInvoices, now, "InvoicesReopened", string.Join(", ", summary.Select(s => $"{s.InvoiceId}:{s.Status}")));
        if (warning is not null)
        {
            recorded = recorded.AndRecord(RefundStep.ReopenInvoices, now, "InvoicesMissing", warning);
        }

        return recorded.ToTransition(refunded, reopened);
    }

    /// <summary>
    /// A step hit an error worth showing to ops and worth retrying. The step stays, so the activity that
    /// retries it still finds it; <paramref name="retryAt"/> is when the orchestration tries again.
    /// </summary>
    public Transition OnTransientError(string message, DateTimeOffset now, DateTimeOffset retryAt)
    {
        EnsureLive();
        var failed = this with
        {
            LastError = new WorkflowError(Step, now, message),
            DueAt = retryAt,
            UpdatedAt = now,
        };
        return failed.Record(Step, now, "Error", message).ToTransition();
    }

    /// <summary>A step hit an error that retrying cannot fix.</summary>
    public Transition OnPermanentError(DomainError error, Payment? payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(error);
        EnsureLive();
        if (StripeRefundStatus == Refunds.StripeRefundStatus.Succeeded)
        {
            throw new InvalidOperationException($"Refund {RefundId}: Stripe refunded the money ({StripeRefundId}), so it cannot fail ({error.Code}).");
        }

        var failed = Finish(RuntimeStatus.Failed, now, new WorkflowError(Step, now, error.Message));
        return failed.Record(Step, now, "Failed", error.Message)
            .ToTransition(payment is null ? null : payment with { ActiveRefundId = null });
    }

    private RefundWorkflow MoveTo(RefundStep step, RuntimeStatus status, DateTimeOffset now, DateTimeOffset dueAt, string? customStatus) =>
        this with
        {
            Step = step,
            RuntimeStatus = status,
            UpdatedAt = now,
            DueAt = dueAt,
            CustomStatus = customStatus,
            Sequence = Sequence + 1,
        };

    private RefundWorkflow Finish(RuntimeStatus status, DateTimeOffset now, WorkflowError? error) =>
        this with
        {
            Step = RefundStep.Done,
            RuntimeStatus = status,
            UpdatedAt = now,
            DueAt = now,
            CompletedAt = now,
            CustomStatus = null,
            LastError = error ?? LastError,
            Sequence = Sequence + 1,
        };

    private Recorded Record(RefundStep step, DateTimeOffset now, string outcome, string? detail) =>
        new(this with { HistoryCount = HistoryCount + 1 }, [new HistoryEntry(HistoryCount, step, now, outcome, detail)]);

    private void EnsureLive()
    {
        if (IsTerminal)
        {
            throw new InvalidOperationException($"Refund {RefundId} is already {RuntimeStatus}.");
        }
    }

    private void EnsureAt(params RefundStep[] steps)
    {
        if (!steps.Contains(Step))
        {
            throw new InvalidOperationException($"Refund {RefundId} is at step {Step}, not {string.Join(" or ", steps)}.");
        }
    }

    private sealed record Recorded(RefundWorkflow Workflow, IReadOnlyList<HistoryEntry> History)
    {
        /// <summary>A further history line in the same transition.</summary>
        public Recorded AndRecord(RefundStep step, DateTimeOffset now, string outcome, string? detail)
        {
            var (workflow, more) = Workflow.Record(step, now, outcome, detail);
            return new(workflow, [.. History, .. more]);
        }

        public Transition ToTransition(Payment? payment = null, IReadOnlyList<Invoice>? invoices = null, CreditMemo? creditMemo = null) =>
            new(Workflow, History, payment, invoices, creditMemo);

        public void Deconstruct(out RefundWorkflow workflow, out IReadOnlyList<HistoryEntry> history)
        {
            workflow = Workflow;
            history = History;
        }
    }
}
