using Refunds.Application.Ports;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>A decision about a record: the pure transition and the rows of the one commit that makes it true.</summary>
public sealed record RecordChange(Transition Transition, IReadOnlyList<LedgerWrite> Writes)
{
    public static RecordChange Of(
        Transition transition,
        Versioned<RefundWorkflow>? stored,
        Versioned<Payment>? payment = null,
        IReadOnlyList<Versioned<Invoice>>? invoices = null,
        Versioned<CreditMemo>? creditMemo = null)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return new(transition, TransitionWrites.For(transition, stored, payment, invoices, creditMemo));
    }
}
