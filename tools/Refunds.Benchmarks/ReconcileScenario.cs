using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using Refunds.StripeStandIn;

namespace Refunds.Benchmarks;

/// <summary>
/// Reconciliation with Stripe over many refunds: <c>--refunds</c> spread over <c>--accounts</c> connected accounts (one
/// organization each), <c>--drift-percent</c> of them drifting in every finding class. The ledger is seeded through the
/// app's own storage ports with the domain's transitions (a completed refund's rows, its payment-intent link and its
/// activity-index entry); Stripe's refunds are created through the app's Stripe adapter (metadata and all) and, for
/// refunds made outside, in the stand-in's Dashboard. Then two runs over the same window, each timed from the POST to
/// the status saying Completed, with the Stripe requests and the Azurite table requests made in between.
/// </summary>
internal static class ReconcileScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var refunds = args.Int("refunds", 10_000);
        var accounts = args.Int("accounts", 20);
        var driftPercent = args.Int("drift-percent", 1);
        var concurrency = args.Int("seed-concurrency", 32);
        var timeLimit = args.Seconds("time-limit", 600);
        await using var host = await BenchHost.StartAsync(new StripeStandInOptions(), args.AppSettings);
        LatencyScenario.PrintSettings(host);

        var plan = Plan(refunds, accounts, driftPercent);
        var seeding = Stopwatch.StartNew();
        var window = (From: DateTimeOffset.UtcNow.AddMinutes(-5), To: DateTimeOffset.UtcNow.AddHours(2));
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, ct) => await SeedAsync(host, item, ct));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Seeded {plan.Count} refunds on {accounts} accounts ({plan.Count(p => p.Drift != Drift.None)} drifting: {string.Join(", ", plan.GroupBy(p => p.Drift).Select(g => $"{g.Key} {g.Count()}"))}) in {seeding.Elapsed.TotalSeconds:0} s; {Machine.LoadAverage()}"));

        var rows = new List<string[]>();
        var ok = true;
        foreach (var name in new[] { "first run", "second run (same window)" })
        {
            var (row, expected) = await MeasureAsync(host, window, plan, timeLimit);
            rows.Add([name, .. row]);
            ok &= expected;
        }

        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["run", "wall s", "Stripe refunds listed", "Stripe requests (list pages + reads by id)", "list pages per 100 refunds", "429s", "entities read per refund (app)", "Azurite table requests per refund", "findings (open by class)", "as seeded"],
            rows));
        return ok ? 0 : 1;
    }

    private static async Task<(string[] Row, bool AsSeeded)> MeasureAsync(BenchHost host, (DateTimeOffset From, DateTimeOffset To) window, List<Planned> plan, TimeSpan timeLimit)
    {
        var requestsBefore = host.Stripe.Requests.Count;
        using var counter = new AzuriteRequestCounter(host.Azurite);
        var clock = Stopwatch.StartNew();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/ops/reconciliations") { Content = JsonContent.Create(new { from = window.From, to = window.To }) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.OpsToken);
        using var started = await host.Http.SendAsync(post);
        started.EnsureSuccessStatusCode();
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        JsonElement run;
        while (true)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/ops/reconciliations/{runId}?pageSize=1");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.OpsToken);
            using var response = await host.Http.SendAsync(get);
            run = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (run.GetProperty("status").GetString() is "Completed" or "Failed" || clock.Elapsed > timeLimit)
            {
                break;
            }

            await Task.Delay(50);
        }

        var wall = clock.Elapsed;
        var tables = counter.Snapshot()[0];
        var stripe = host.Stripe.Requests.Skip(requestsBefore).Where(r => r.Path.StartsWith("/v1/refunds", StringComparison.Ordinal)).ToList();
        var lists = stripe.Count(r => r.Path == "/v1/refunds");
        var counts = run.GetProperty("counts");
        var listed = counts.GetProperty("stripeRefunds").GetInt32();
        var openByCode = counts.GetProperty("openByCode").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var expected = plan.Where(p => p.Drift != Drift.None).GroupBy(p => Code(p.Drift)).ToDictionary(g => g.Key, g => g.Count());
        var asSeeded = run.GetProperty("status").GetString() == "Completed" && expected.Count == openByCode.Count && expected.All(e => openByCode.GetValueOrDefault(e.Key) == e.Value);
        string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        return (
            [
                F(wall.TotalSeconds),
                listed.ToString(CultureInfo.InvariantCulture),
                $"{stripe.Count} ({lists} + {stripe.Count - lists})",
                F(lists * 100.0 / Math.Max(1, listed)),
                stripe.Count(r => r.Status == 429).ToString(CultureInfo.InvariantCulture),
                F(counts.GetProperty("entitiesRead").GetInt64() / (double)Math.Max(1, plan.Count)),
                F(tables / (double)Math.Max(1, plan.Count)),
                string.Join(", ", openByCode.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")),
                asSeeded ? "yes" : "**no**",
            ],
            asSeeded);
    }

    private enum Drift
    {
        None,
        Unrecorded,
        FailedAfterCompleted,
        AmountMismatch,
        SucceededNotCompleted,
        Missing,
    }

    private sealed record Planned(int Index, string Account, Drift Drift)
    {
        public string Org => "org_" + Account;

        public string Suffix => Index.ToString("D6", CultureInfo.InvariantCulture);
    }

    private static string Code(Drift drift) => drift switch
    {
        Drift.Unrecorded => "stripe_refund_unrecorded",
        Drift.FailedAfterCompleted => "stripe_refund_failed_after_completed",
        Drift.AmountMismatch => "amount_mismatch",
        Drift.SucceededNotCompleted => "stripe_succeeded_not_completed",
        Drift.Missing => "stripe_refund_missing",
        _ => throw new ArgumentOutOfRangeException(nameof(drift)),
    };

    /// <summary>Refunds round-robin over the accounts; every hundredth (at 1 %) drifts, the classes taking turns (two in five made outside).</summary>
    private static List<Planned> Plan(int refunds, int accounts, int driftPercent)
    {
        Drift[] classes = [Drift.Unrecorded, Drift.FailedAfterCompleted, Drift.Unrecorded, Drift.AmountMismatch, Drift.SucceededNotCompleted, Drift.Unrecorded, Drift.FailedAfterCompleted, Drift.Unrecorded, Drift.AmountMismatch, Drift.Missing];
        var every = driftPercent <= 0 ? int.MaxValue : 100 / driftPercent;
        return [.. Enumerable.Range(0, refunds).Select(i => new Planned(
            i,
            "acct_bench_" + (i % accounts).ToString("D3", CultureInfo.InvariantCulture),
            i % every == every - 1 ? classes[i / every % classes.Length] : Drift.None))];
    }

    private static async Task SeedAsync(BenchHost host, Planned item, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var ledger = services.GetRequiredService<ILedgerStore>();
        var paymentIntents = services.GetRequiredService<IPaymentIntentIndex>();
        var index = services.GetRequiredService<IActivityIndex>();
        var stripe = services.GetRequiredService<IStripeRefunds>();
        var now = DateTimeOffset.UtcNow;
        var amount = new Money(15_000, "USD");
        var payment = new Payment
        {
            OrganizationId = item.Org,
            PaymentId = "pay_" + item.Suffix,
            StripePaymentIntentId = "pi_bench_" + item.Suffix,
            ConnectedAccountId = item.Account,
            Amount = amount,
            Status = PaymentStatus.Succeeded,
            Source = PaymentSource.OnlinePortal,
            PaidAt = now.AddDays(-3),
            Allocations = [new InvoiceAllocation("inv_" + item.Suffix, amount.MinorUnits)],
        };
        var invoice = new Invoice { OrganizationId = item.Org, InvoiceId = "inv_" + item.Suffix, Amount = amount, PaidAmountMinor = amount.MinorUnits, Status = InvoiceStatus.Paid };
        host.Stripe.AddPaymentIntent(item.Account, payment.StripePaymentIntentId, item.Drift == Drift.AmountMismatch ? 14_000 : amount.MinorUnits, "usd");
        await paymentIntents.LinkAsync(payment.StripePaymentIntentId, new PaymentRef(item.Org, payment.PaymentId), cancellationToken);

        if (item.Drift == Drift.Unrecorded)
        {
            await index.NoteAccountAsync(DateOnly.FromDateTime(now.UtcDateTime), item.Account, cancellationToken);
            await CommitAsync(ledger, item.Org, [new LedgerWrite.PutInvoice(invoice, null), new LedgerWrite.PutPayment(payment, null)], cancellationToken);
            host.Stripe.CreateDashboardRefund(item.Account, payment.StripePaymentIntentId);
            return;
        }

        var refundId = "rf_bench_" + item.Suffix;
        string stripeRefundId;
        if (item.Drift == Drift.Missing)
        {
            stripeRefundId = "re_bench_missing_" + item.Suffix;
        }
        else
        {
            var created = await stripe.CreateRefundAsync(new CreateStripeRefund(item.Account, payment.StripePaymentIntentId, refundId, "refund-" + refundId, null), cancellationToken);
            stripeRefundId = ((CreateRefundOutcome.Created)created).Refund.Id;
        }

        await index.NoteRefundAsync(new IndexedRefund(item.Account, item.Org, refundId, now), cancellationToken);
        var start = RefundWorkflow.Start(payment, new StartRefundRequest(refundId, null, null, "bench"), now, new HashSet<string>([invoice.InvoiceId], StringComparer.Ordinal)).Value;
        var history = new List<HistoryEntry>(start.History);
        Transition last;
        if (item.Drift == Drift.SucceededNotCompleted)
        {
            last = start.Workflow.OnStripeRefund(new StripeRefundSnapshot(stripeRefundId, StripeRefundStatus.Failed, "unknown"), start.Payment!, now, PollingPolicy.Default);
            history.AddRange(last.History);
        }
        else
        {
            var succeeded = start.Workflow.OnStripeRefund(new StripeRefundSnapshot(stripeRefundId, StripeRefundStatus.Succeeded), start.Payment!, now, PollingPolicy.Default);
            last = succeeded.Workflow.RecordRefund(start.Payment!, [invoice], null, now);
            history.AddRange(succeeded.History);
            history.AddRange(last.History);
        }

        List<LedgerWrite> writes =
        [
            new LedgerWrite.PutInvoice(last.ChangedInvoices.Count > 0 ? last.ChangedInvoices[0] : invoice, null),
            new LedgerWrite.PutPayment(last.Payment ?? start.Payment!, null),
            new LedgerWrite.PutWorkflow(last.Workflow, null),
            .. history.Select(h => new LedgerWrite.AppendHistory(refundId, h)),
        ];
        await CommitAsync(ledger, item.Org, writes, cancellationToken);
        if (item.Drift == Drift.FailedAfterCompleted)
        {
            host.Stripe.FailSucceededRefund(stripeRefundId);
        }
    }

    private static async Task CommitAsync(ILedgerStore ledger, string org, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        if (await ledger.CommitAsync(org, writes, cancellationToken) != CommitOutcome.Committed)
        {
            throw new InvalidOperationException($"Seeding {org} conflicted: run the scenario on a fresh table.");
        }
    }
}
