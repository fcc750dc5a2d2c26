using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Reconciliation;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// One connected account's part of a run: Stripe's refunds created in the window, page by page (one list request per
/// page, within the adapter's per-account rate limit), each compared with the ledger's side of it; then our refunds
/// started in the window whose Stripe refund the listing did not show, each read from Stripe on its own. Findings are
/// saved per page under ids derived from their subject, so running it again (an activity retried after a crash)
/// writes the same rows.
/// </summary>
public sealed partial class AccountReconciler(
    IStripeRefundListing stripe,
    IActivityIndex index,
    ILedgerStore ledger,
    IPaymentIntentIndex paymentIntents,
    IReconciliationStore store,
    CrashPoints crashPoints,
    IOptions<ReconciliationOptions> options,
    ILogger<AccountReconciler> logger)
{
    public async Task<AccountReconciliation> RunAsync(AccountReconciliationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var account = input.ConnectedAccountId;
        var sides = new LedgerSides(ledger, paymentIntents, Math.Max(1, options.Value.ReadConcurrency));
        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);

        // Our refunds started on the window's days, by id: they tell the organization of a Stripe refund naming one.
        var ours = new Dictionary<string, IndexedRefund>(StringComparer.Ordinal);
        long indexRows = 0;
        foreach (var day in ReconciliationIds.Days(input.From, input.To))
        {
            await foreach (var refund in index.GetRefundsAsync(day, account, cancellationToken))
            {
                indexRows++;
                ours[refund.RefundId] = refund;
            }
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var requests = 0;
        string? after = null;
        while (true)
        {
            var page = await stripe.ListRefundsAsync(account, input.From, input.To, after, options.Value.StripePageSize, cancellationToken);
            requests++;
            var ledgerSides = await sides.ReadAsync(page.Refunds, ours, cancellationToken);
            var findings = new List<Finding>();
            for (var i = 0; i < page.Refunds.Count; i++)
            {
                var refund = page.Refunds[i];
                listed.Add(refund.Id);
                if (ledgerSides[i]?.Refund is { } recorder && ReconciliationRules.Records(recorder, refund))
                {
                    matched.Add(recorder.RefundId);
                }

                findings.AddRange(ReconciliationRules.ForStripeRefund(refund, ledgerSides[i]));
            }

            await SaveAsync(input.RunId, account, findings, byCode, cancellationToken);
            if (!page.HasMore || page.Refunds.Count == 0)
            {
                break;
            }

            crashPoints.Hit(CrashPoints.AfterReconciliationPage, $"{input.RunId}|{account}");

            after = page.Refunds[^1].Id;
        }

        // Ours started in the window that no listed Stripe refund accounts for: only those that record a Stripe refund
        // cost a request (Stripe created it outside the window, or does not know it at all).
        var unmatched = ours.Values
            .Where(r => r.CreatedAt >= input.From && r.CreatedAt < input.To && !matched.Contains(r.RefundId))
            .OrderBy(r => r.RefundId, StringComparer.Ordinal)
            .ToList();
        var missing = new List<Finding>();
        foreach (var refund in unmatched)
        {
            var stored = await ledger.GetWorkflowAsync(refund.OrganizationId, refund.RefundId, cancellationToken);
            indexRows++;
            if (stored?.Value.StripeRefundId is not { } stripeRefundId || listed.Contains(stripeRefundId))
            {
                continue;
            }

            requests++;
            var atStripe = await stripe.FindRefundByIdAsync(account, stripeRefundId, cancellationToken);
            missing.AddRange(ReconciliationRules.ForOurRefund(stored.Value, atStripe));
        }

        await SaveAsync(input.RunId, account, missing, byCode, cancellationToken);
        var result = new AccountReconciliation(account, listed.Count, requests, ours.Values.Count(r => r.CreatedAt >= input.From && r.CreatedAt < input.To), indexRows + sides.Reads, byCode);
        await store.SaveAccountAsync(input.RunId, result, cancellationToken);
        LogReconciled(input.RunId, account, result.StripeRefunds, result.StripeRequests, byCode.Values.Sum());
        return result;
    }

    private async Task SaveAsync(string runId, string account, List<Finding> findings, Dictionary<string, int> byCode, CancellationToken cancellationToken)
    {
        if (findings.Count == 0)
        {
            return;
        }

        await store.SaveFindingsAsync(runId, findings, cancellationToken);
        await store.MarkOpenAsync(account, findings, cancellationToken);
        foreach (var finding in findings)
        {
            byCode[finding.Code.ToWire()] = byCode.GetValueOrDefault(finding.Code.ToWire()) + 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {RunId}: account {Account}, {StripeRefunds} Stripe refunds in {StripeRequests} requests, {Findings} findings")]
    private partial void LogReconciled(string runId, string account, int stripeRefunds, int stripeRequests, int findings);
}
