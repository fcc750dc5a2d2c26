using Refunds.Application.Orchestrations.Activities;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>The activity (its class name, as both hosts register it) that performs each move.</summary>
public static class RefundActivityNames
{
    public static string For(WorkflowMove move) => move switch
    {
        WorkflowMove.CreateStripeRefund => nameof(CreateStripeRefundActivity),
        WorkflowMove.CheckFunds => nameof(CheckFundsActivity),
        WorkflowMove.PollStripeRefund => nameof(PollStripeRefundActivity),
        WorkflowMove.ReopenInvoices => nameof(ReopenInvoicesActivity),
        WorkflowMove.ReverseInIntacct => nameof(ReverseIntacctPaymentActivity),
        _ => throw new InvalidOperationException($"Move {move} has no activity."),
    };
}
