using Microsoft.DurableTask;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// A reconciliation run as a story: decide which connected accounts it covers, reconcile each of them at the same time
/// (one activity per account; a failed account is reported, not fatal), then resolve what no longer holds and write the
/// totals. Instance id = run id. Every activity is safe to run again, so a crash anywhere resumes to the same findings.
/// </summary>
public sealed class ReconciliationOrchestrator : TaskOrchestrator<ReconciliationInput, string>
{
    /// <summary>Stripe and storage hiccups: an account's listing starts again from its first page.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        string[] accounts;
        try
        {
            accounts = await context.CallActivityAsync<string[]>(nameof(PlanReconciliationActivity), input, Retry);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, new ReconciliationCompletion(input.RunId, [], $"Could not decide which accounts to reconcile: {ex.Message}"));
        }

        var results = await Task.WhenAll(accounts.Select(account => ReconcileAsync(context, new AccountReconciliationInput(input.RunId, account, input.From, input.To))));
        return await CompleteAsync(context, new ReconciliationCompletion(input.RunId, results, null));
    }

    private static async Task<AccountReconciliation> ReconcileAsync(TaskOrchestrationContext context, AccountReconciliationInput input)
    {
        try
        {
            return await context.CallActivityAsync<AccountReconciliation>(nameof(ReconcileAccountActivity), input, Retry);
        }
        catch (TaskFailedException ex)
        {
            return AccountReconciliation.Failed(input.ConnectedAccountId, ex.FailureDetails.ErrorMessage);
        }
    }

    private static Task<string> CompleteAsync(TaskOrchestrationContext context, ReconciliationCompletion completion) =>
        context.CallActivityAsync<string>(nameof(CompleteReconciliationActivity), completion, Retry);
}
