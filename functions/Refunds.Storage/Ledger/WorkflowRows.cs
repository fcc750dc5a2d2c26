using Azure.Data.Tables;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

internal static partial class WorkflowRows
{
    /// <summary>The workflow's own kind; the row's <c>Kind</c> column already says "Workflow".</summary>
    public const string WorkflowKind = "WorkflowKind";

    /// <summary>Derived from the runtime status, stored so the reconciler's filter stays a simple equality.</summary>
    public const string IsTerminal = "IsTerminal";

    public static TableEntity ToRow(RefundWorkflow workflow)
    {
        var row = Columns.NewRow(RowKeys.Partition(workflow.OrganizationId), RowKeys.Workflow(workflow.RefundId), RowKinds.Workflow);
        row[nameof(RefundWorkflow.RefundId)] = workflow.RefundId;
        row[nameof(RefundWorkflow.PaymentId)] = workflow.PaymentId;
        row[WorkflowKind] = workflow.Kind.ToString();
        Columns.SetMoney(row, nameof(RefundWorkflow.Amount), workflow.Amount);
        row[nameof(RefundWorkflow.StripePaymentIntentId)] = workflow.StripePaymentIntentId;
        row[nameof(RefundWorkflow.ConnectedAccountId)] = workflow.ConnectedAccountId;
        Columns.SetEnum(row, nameof(RefundWorkflow.Reason), workflow.Reason);
        Columns.SetOptional(row, nameof(RefundWorkflow.Comment), workflow.Comment);
        row[nameof(RefundWorkflow.RequestedBy)] = workflow.RequestedBy;
        row[nameof(RefundWorkflow.RuntimeStatus)] = workflow.RuntimeStatus.ToString();
        row[IsTerminal] = workflow.IsTerminal;
        row[nameof(RefundWorkflow.Step)] = workflow.Step.ToString();
        row[nameof(RefundWorkflow.Sequence)] = workflow.Sequence;
        row[nameof(RefundWorkflow.CreatedAt)] = workflow.CreatedAt;
        row[nameof(RefundWorkflow.UpdatedAt)] = workflow.UpdatedAt;
        row[nameof(RefundWorkflow.DueAt)] = workflow.DueAt;
        Columns.SetOptional(row, nameof(RefundWorkflow.StripeRefundId), workflow.StripeRefundId);
        Columns.SetEnum(row, nameof(RefundWorkflow.StripeRefundStatus), workflow.StripeRefundStatus);
        row[nameof(RefundWorkflow.PollAttempts)] = workflow.PollAttempts;
        Columns.SetOptional(row, nameof(RefundWorkflow.CustomStatus), workflow.CustomStatus);
        if (workflow.LastError is { } error)
        {
            Columns.SetJson(row, nameof(RefundWorkflow.LastError), new StoredWorkflowError(error.Step.ToString(), error.At, error.Message), LedgerJson.Default.StoredWorkflowError);
        }

        row[nameof(RefundWorkflow.IntacctStatus)] = workflow.IntacctStatus.ToString();
        Columns.SetOptional(row, nameof(RefundWorkflow.IntacctArPaymentKey), workflow.IntacctArPaymentKey);
        Columns.SetJson(
            row,
            nameof(RefundWorkflow.ReopenedInvoices),
            workflow.ReopenedInvoices.Select(i => new StoredReopenedInvoice(i.InvoiceId, i.RefundedMinor, i.Status, i.InCollections)).ToList(),
            LedgerJson.Default.ListStoredReopenedInvoice);
        Columns.SetOptional(row, nameof(RefundWorkflow.CompletedAt), workflow.CompletedAt);
        row[nameof(RefundWorkflow.HistoryCount)] = workflow.HistoryCount;
        row[nameof(RefundWorkflow.CreateAttempt)] = workflow.CreateAttempt;
        if (workflow.FundsWait is { } funds)
        {
            Columns.SetJson(
                row,
                nameof(RefundWorkflow.FundsWait),
                new StoredFundsWait(funds.Available.MinorUnits, funds.Pending.MinorUnits, funds.Available.Currency, funds.CheckedAt, funds.GiveUpAt),
                LedgerJson.Default.StoredFundsWait);
        }

        if (workflow.Warnings.Count > 0)
        {
            Columns.SetJson(row, nameof(RefundWorkflow.Warnings), workflow.Warnings.ToList(), LedgerJson.Default.ListString);
        }

        Columns.SetOptional(row, nameof(RefundWorkflow.LinkedCreditMemoId), workflow.LinkedCreditMemoId);
        SetIntacct(row, workflow);
        return row;
    }

    public static RefundWorkflow FromRow(TableEntity row) => WithIntacct(row, new()
    {
        OrganizationId = row.PartitionKey,
        RefundId = Columns.String(row, nameof(RefundWorkflow.RefundId)),
        PaymentId = Columns.String(row, nameof(RefundWorkflow.PaymentId)),
        Kind = Columns.Enum<WorkflowKind>(row, WorkflowKind),
        Amount = Columns.GetMoney(row, nameof(RefundWorkflow.Amount)),
        StripePaymentIntentId = Columns.String(row, nameof(RefundWorkflow.StripePaymentIntentId)),
        ConnectedAccountId = Columns.String(row, nameof(RefundWorkflow.ConnectedAccountId)),
        Reason = Columns.OptionalEnum<RefundReason>(row, nameof(RefundWorkflow.Reason)),
        Comment = Columns.OptionalString(row, nameof(RefundWorkflow.Comment)),
        RequestedBy = Columns.String(row, nameof(RefundWorkflow.RequestedBy)),
        RuntimeStatus = Columns.Enum<RuntimeStatus>(row, nameof(RefundWorkflow.RuntimeStatus)),
        Step = Columns.Enum<RefundStep>(row, nameof(RefundWorkflow.Step)),
        Sequence = Columns.Int32(row, nameof(RefundWorkflow.Sequence)),
        CreatedAt = Columns.Time(row, nameof(RefundWorkflow.CreatedAt)),
        UpdatedAt = Columns.Time(row, nameof(RefundWorkflow.UpdatedAt)),
        DueAt = Columns.Time(row, nameof(RefundWorkflow.DueAt)),
        StripeRefundId = Columns.OptionalString(row, nameof(RefundWorkflow.StripeRefundId)),
        StripeRefundStatus = Columns.OptionalEnum<StripeRefundStatus>(row, nameof(RefundWorkflow.StripeRefundStatus)),
        PollAttempts = Columns.Int32(row, nameof(RefundWorkflow.PollAttempts)),
        CustomStatus = Columns.OptionalString(row, nameof(RefundWorkflow.CustomStatus)),
        LastError = ToError(row, Columns.OptionalJson(row, nameof(RefundWorkflow.LastError), LedgerJson.Default.StoredWorkflowError)),
        IntacctStatus = Columns.Enum<IntacctStatus>(row, nameof(RefundWorkflow.IntacctStatus)),
        IntacctArPaymentKey = Columns.OptionalString(row, nameof(RefundWorkflow.IntacctArPaymentKey)),
        ReopenedInvoices = Columns.Json(row, nameof(RefundWorkflow.ReopenedInvoices), LedgerJson.Default.ListStoredReopenedInvoice)
            .Select(i => new ReopenedInvoice(i.InvoiceId, i.RefundedMinor, i.Status, i.InCollections))
            .ToList(),
        CompletedAt = Columns.OptionalTime(row, nameof(RefundWorkflow.CompletedAt)),
        HistoryCount = Columns.Int32(row, nameof(RefundWorkflow.HistoryCount)),
        CreateAttempt = row.ContainsKey(nameof(RefundWorkflow.CreateAttempt)) ? Columns.Int32(row, nameof(RefundWorkflow.CreateAttempt)) : 0,
        FundsWait = Columns.OptionalJson(row, nameof(RefundWorkflow.FundsWait), LedgerJson.Default.StoredFundsWait) is { } funds
            ? new FundsWait(new Money(funds.AvailableMinor, funds.Currency), new Money(funds.PendingMinor, funds.Currency), funds.CheckedAt, funds.GiveUpAt)
            : null,
        Warnings = Columns.OptionalJson(row, nameof(RefundWorkflow.Warnings), LedgerJson.Default.ListString) ?? [],

        // Absent on every refund linked to its payment, including those recorded before credit memos existed.
        LinkedCreditMemoId = Columns.OptionalString(row, nameof(RefundWorkflow.LinkedCreditMemoId)),
    });

    private static WorkflowError? ToError(TableEntity row, StoredWorkflowError? stored) =>
        stored is null
            ? null
            : new WorkflowError(
                Enum.TryParse<RefundStep>(stored.Step, out var step) && Enum.IsDefined(step)
                    ? step
                    : throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey}: LastError step '{stored.Step}' is not a RefundStep."),
                stored.At,
                stored.Message);
}
