using Microsoft.DurableTask;

namespace Refunds.Application.Reconciliation;

/// <summary>Reconciles one connected account of the run (see <see cref="AccountReconciler"/>).</summary>
public sealed class ReconcileAccountActivity(AccountReconciler reconciler) : TaskActivity<AccountReconciliationInput, AccountReconciliation>
{
    public override Task<AccountReconciliation> RunAsync(TaskActivityContext context, AccountReconciliationInput input) =>
        reconciler.RunAsync(input, CancellationToken.None);
}
