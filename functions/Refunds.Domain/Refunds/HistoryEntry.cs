namespace Refunds.Domain.Refunds;

/// <summary>One line of a workflow's history; <see cref="Sequence"/> orders the lines and keys their rows.</summary>
public sealed record HistoryEntry(int Sequence, RefundStep Step, DateTimeOffset At, string Outcome, string? Detail = null);

public sealed record WorkflowError(RefundStep Step, DateTimeOffset At, string Message);

/// <param name="RefundedMinor">What this refund took back from the invoice (its allocations of the payment).</param>
public sealed record ReopenedInvoice(string InvoiceId, long RefundedMinor, string Status, bool InCollections);
