using Microsoft.DurableTask;

namespace Refunds.Application.Reconciliation;

/// <summary>Ends the run (see <see cref="ReconciliationCompleter"/>).</summary>
public sealed class CompleteReconciliationActivity(ReconciliationCompleter completer) : TaskActivity<ReconciliationCompletion, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, ReconciliationCompletion input) =>
        completer.CompleteAsync(input, CancellationToken.None);
}
