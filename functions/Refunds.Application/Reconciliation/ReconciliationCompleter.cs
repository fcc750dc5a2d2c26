using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.Domain.Reconciliation;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// Ends a run: findings an earlier run left open that this run's window covers but no longer finds are shown here as
/// resolved (and forgotten as open), then the totals are written. Safe to repeat: resolving again rewrites the same rows.
/// </summary>
public sealed partial class ReconciliationCompleter(
    IReconciliationStore store,
    IReconciliationTelemetry telemetry,
    TimeProvider time,
    ILogger<ReconciliationCompleter> logger)
{
    public async Task<string> CompleteAsync(ReconciliationCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var run = await store.GetRunAsync(completion.RunId, cancellationToken)
            ?? throw new InvalidOperationException($"Reconciliation {completion.RunId} has no run row.");
        if (run.IsFinal)
        {
            return run.Status.ToString();
        }

        var now = time.GetUtcNow();
        var found = new Dictionary<string, FindingStatus>(StringComparer.Ordinal);
        var openByCode = new Dictionary<FindingCode, int>();
        var resolved = 0;
        await foreach (var finding in store.GetAllFindingsAsync(run.RunId, cancellationToken))
        {
            found[finding.FindingId] = finding.Status;
            if (finding.Status == FindingStatus.Open)
            {
                openByCode[finding.Code] = openByCode.GetValueOrDefault(finding.Code) + 1;
            }
            else
            {
                resolved++;
            }
        }

        foreach (var account in completion.Accounts.Where(a => a.Error is null))
        {
            var noLongerHolding = new List<Finding>();
            var forget = new List<string>();
            await foreach (var open in store.GetOpenAsync(account.ConnectedAccountId, cancellationToken))
            {
                if (found.TryGetValue(open.FindingId, out var foundStatus))
                {
                    // Found by this run: open, it still holds; resolved, an earlier attempt of this activity died before forgetting it.
                    if (foundStatus == FindingStatus.Resolved)
                    {
                        forget.Add(open.FindingId);
                    }
                }
                else if (open.IsWithin(run.From, run.To))
                {
                    noLongerHolding.Add(open.Resolve(Resolutions.NoLongerHolds, now));
                    forget.Add(open.FindingId);
                }
            }

            // Saved before they are forgotten: a crash in between leaves them open for the next run, never lost.
            await store.SaveFindingsAsync(run.RunId, noLongerHolding, cancellationToken);
            foreach (var findingId in forget)
            {
                await store.ForgetOpenAsync(account.ConnectedAccountId, findingId, cancellationToken);
            }

            resolved += noLongerHolding.Count;
        }

        var failed = completion.Accounts.Where(a => a.Error is not null).ToList();
        var status = completion.Error is not null || failed.Count > 0 ? ReconciliationStatus.Failed : ReconciliationStatus.Completed;
        var totals = new ReconciliationTotals(
            completion.Accounts.Count,
            failed.Count,
            completion.Accounts.Sum(a => a.StripeRefunds),
            completion.Accounts.Sum(a => a.StripeRequests),
            completion.Accounts.Sum(a => a.OurRefunds),
            completion.Accounts.Sum(a => a.EntitiesRead),
            openByCode.ToDictionary(p => p.Key.ToWire(), p => p.Value, StringComparer.Ordinal),
            openByCode.Values.Sum(),
            resolved);
        var error = completion.Error
            ?? (failed.Count == 0 ? null : string.Join("; ", failed.Select(a => $"{a.ConnectedAccountId}: {a.Error}")));
        await store.SaveRunAsync(run with { Status = status, CompletedAt = now, Totals = totals, AccountCount = completion.Accounts.Count, Error = error }, cancellationToken);
        telemetry.RunCompleted(status.ToString(), openByCode, resolved);
        LogCompleted(run.RunId, status, totals.Open, resolved, failed.Count);
        return status.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {RunId} ended {Status}: {Open} findings hold, {Resolved} resolved, {FailedAccounts} accounts failed")]
    private partial void LogCompleted(string runId, ReconciliationStatus status, int open, int resolved, int failedAccounts);
}
