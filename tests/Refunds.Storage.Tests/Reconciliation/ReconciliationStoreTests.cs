using Refunds.Application.Ports;
using Refunds.Application.Reconciliation;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.Storage.Reconciliation;
using Refunds.Storage.Tests.Ledger;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Reconciliation;

[Collection(AzuriteCollection.Name)]
public sealed class ReconciliationStoreTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveFindingsAsync_MoreThanOneTransactionTwice_EachFindingOnceAndPagedInIdOrder()
    {
        var store = new TableReconciliationStore(Table);
        var findings = Enumerable.Range(0, 250).Select(i => Finding($"re_{i:D3}")).ToList();

        await store.SaveFindingsAsync("rc_1", findings, Ct);
        await store.SaveFindingsAsync("rc_1", findings, Ct);
        var pages = new List<FindingPage> { await store.GetFindingsAsync("rc_1", null, 100, Ct) };
        while (pages[^1].NextAfter is { } after)
        {
            pages.Add(await store.GetFindingsAsync("rc_1", after, 100, Ct));
        }

        Assert.Equal([100, 100, 50], pages.Select(p => p.Findings.Count));
        var ids = pages.SelectMany(p => p.Findings).Select(f => f.FindingId).ToList();
        Assert.Equal(findings.Select(f => f.FindingId).Order(StringComparer.Ordinal), ids);
        Assert.Equal(findings[7], pages.SelectMany(p => p.Findings).Single(f => f.FindingId == findings[7].FindingId));
    }

    [Fact]
    public async Task ReplaceFindingAsync_StaleETag_RefusedAndTheFirstResolutionStays()
    {
        var store = new TableReconciliationStore(Table);
        await store.SaveFindingsAsync("rc_1", [Finding("re_1")], Ct);
        var read = (await store.GetFindingAsync("rc_1", Finding("re_1").FindingId, Ct))!;

        var first = await store.ReplaceFindingAsync("rc_1", read.Value.Resolve(Resolutions.Recorded, T0, "rx_re_1"), read.ETag, Ct);
        var second = await store.ReplaceFindingAsync("rc_1", read.Value.Resolve(Resolutions.NoLongerHolds, T0), read.ETag, Ct);

        Assert.True(first);
        Assert.False(second);
        var stored = (await store.GetFindingAsync("rc_1", read.Value.FindingId, Ct))!.Value;
        Assert.Equal((FindingStatus.Resolved, Resolutions.Recorded, "rx_re_1"), (stored.Status, stored.Resolution, stored.RecordedRefundId));
    }

    [Fact]
    public async Task OpenFindings_MarkedThenForgotten_PerAccount()
    {
        var store = new TableReconciliationStore(Table);
        await store.MarkOpenAsync("acct_1", [Finding("re_1"), Finding("re_2")], Ct);

        await store.ForgetOpenAsync("acct_1", Finding("re_1").FindingId, Ct);

        Assert.Equal([Finding("re_2").FindingId], await store.GetOpenAsync("acct_1", Ct).Select(f => f.FindingId).ToListAsync(Ct));
        Assert.Empty(await store.GetOpenAsync("acct_2", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task RunRows_CreateTwiceSaveAndAccounts_RoundTrip()
    {
        var store = new TableReconciliationStore(Table);
        var run = new ReconciliationRun { RunId = "rc_1", From = T0, To = T0.AddDays(1), RequestedBy = "ops", Status = ReconciliationStatus.Pending, CreatedAt = T0 };

        Assert.True(await store.TryCreateRunAsync(run, Ct));
        Assert.False(await store.TryCreateRunAsync(run with { RequestedBy = "other" }, Ct));
        var totals = new ReconciliationTotals(2, 1, 10, 3, 4, 22, new Dictionary<string, int> { ["amount_mismatch"] = 1 }, 1, 2);
        await store.SaveRunAsync(run with { Status = ReconciliationStatus.Failed, Totals = totals, AccountCount = 2, Error = "acct_b: down" }, Ct);
        await store.SaveAccountAsync("rc_1", new AccountReconciliation("acct_a", 10, 3, 4, 22, new Dictionary<string, int> { ["amount_mismatch"] = 1 }), Ct);

        var stored = (await store.GetRunAsync("rc_1", Ct))!;
        Assert.Equal(("ops", ReconciliationStatus.Failed, 2, "acct_b: down"), (stored.RequestedBy, stored.Status, stored.AccountCount, stored.Error));
        Assert.Equal(22, stored.Totals?.EntitiesRead);
        Assert.Equal(1, stored.Totals?.OpenByCode["amount_mismatch"]);
        Assert.Equal(1, Assert.Single(await store.GetAccountsAsync("rc_1", Ct)).FindingsByCode["amount_mismatch"]);
        Assert.Null(await store.GetRunAsync("rc_2", Ct));
    }

    [Fact]
    public async Task ActivityIndex_NotedTwice_OnceWithTheRefundsOfItsDayAndAccount()
    {
        var index = new TableActivityIndex(Table);
        var day = DateOnly.FromDateTime(T0.UtcDateTime);
        await index.NoteRefundAsync(new IndexedRefund("acct_1", "org_1", "rf_1", T0), Ct);
        await index.NoteRefundAsync(new IndexedRefund("acct_1", "org_1", "rf_1", T0), Ct);
        await new TableActivityIndex(Table).NoteAccountAsync(day, "acct_1", Ct);
        await index.NoteAccountAsync(day, "acct_2", Ct);
        await index.NoteRefundAsync(new IndexedRefund("acct_1", "org_2", "rf_2", T0.AddDays(1)), Ct);

        Assert.Equal(["acct_1", "acct_2"], await index.GetAccountsAsync(day, Ct));
        Assert.Equal([new IndexedRefund("acct_1", "org_1", "rf_1", T0)], await index.GetRefundsAsync(day, "acct_1", Ct).ToListAsync(Ct));
        Assert.Equal(["acct_1"], await index.GetAccountsAsync(day.AddDays(1), Ct));
    }

    private static Finding Finding(string stripeRefundId) => new()
    {
        FindingId = Domain.Reconciliation.Finding.IdFor(FindingCode.StripeRefundUnrecorded, "acct_1", stripeRefundId, null),
        Code = FindingCode.StripeRefundUnrecorded,
        ConnectedAccountId = "acct_1",
        OrganizationId = "org_1",
        PaymentId = "pay_1",
        StripeRefundId = stripeRefundId,
        PaymentIntentId = "pi_1",
        OurAmount = new Money(15_000, "USD"),
        StripeAmount = new Money(15_000, "USD"),
        StripeStatus = "succeeded",
        StripeCreatedAt = T0,
        Difference = "Stripe refunded outside.",
        SuggestedAction = "Record it.",
    };
}
