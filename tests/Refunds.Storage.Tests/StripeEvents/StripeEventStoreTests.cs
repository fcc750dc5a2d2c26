using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.Storage.StripeEvents;
using Refunds.Storage.Tests.Ledger;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.StripeEvents;

[Collection(AzuriteCollection.Name)]
public sealed class StripeEventStoreTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_SameEventTwice_NewThenSeenUntilProcessed()
    {
        var log = new TableStripeEventLog(Table);
        var stripeEvent = new StripeEvent("evt_1", StripeEvent.RefundUpdated, "acct_1", T0, "pi_1", "rf_1", new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded));

        Assert.Equal(EventRecordOutcome.New, await log.RecordAsync(stripeEvent, T0, Ct));
        Assert.Equal(EventRecordOutcome.SeenNotProcessed, await log.RecordAsync(stripeEvent, T0.AddSeconds(1), Ct));
        await log.MarkProcessedAsync("evt_1", T0.AddSeconds(2), Ct);
        Assert.Equal(EventRecordOutcome.SeenAndProcessed, await log.RecordAsync(stripeEvent, T0.AddSeconds(3), Ct));
    }

    [Fact]
    public async Task FindUnappliedAsync_RecordedEvent_ListedWholeUntilProcessed()
    {
        var log = new TableStripeEventLog(Table);
        var stripeEvent = new StripeEvent("evt_u1", StripeEvent.RefundUpdated, "acct_1", T0, "pi_1", "rf_1", new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending, PendingReason: "insufficient_funds"));
        await log.RecordAsync(stripeEvent, T0, Ct);

        Assert.Empty(await ToListAsync(log.FindUnappliedAsync(T0, Ct)));
        Assert.Equal([stripeEvent], await ToListAsync(log.FindUnappliedAsync(T0.AddSeconds(1), Ct)));
        await log.MarkProcessedAsync("evt_u1", T0.AddSeconds(2), Ct);
        Assert.Empty(await ToListAsync(log.FindUnappliedAsync(T0.AddHours(1), Ct)));
    }

    [Fact]
    public async Task RecordAsync_RepeatOfAnAppliedEvent_LeavesNothingUnapplied()
    {
        var log = new TableStripeEventLog(Table);
        var stripeEvent = new StripeEvent("evt_u2", StripeEvent.RefundUpdated, "acct_1", T0, "pi_1", "rf_1", new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded));
        await log.RecordAsync(stripeEvent, T0, Ct);
        await log.MarkProcessedAsync("evt_u2", T0.AddSeconds(1), Ct);

        Assert.Equal(EventRecordOutcome.SeenAndProcessed, await log.RecordAsync(stripeEvent, T0.AddSeconds(2), Ct));

        Assert.Empty(await ToListAsync(log.FindUnappliedAsync(T0.AddHours(1), Ct)));
    }

    [Fact]
    public async Task MarkProcessedAsync_EventNeverRecorded_RecordsItAsProcessed()
    {
        var log = new TableStripeEventLog(Table);

        await log.MarkProcessedAsync("evt_3", T0, Ct);

        Assert.Equal(EventRecordOutcome.SeenAndProcessed, await log.RecordAsync(new StripeEvent("evt_3", "customer.created", null, T0), T0, Ct));
    }

    [Fact]
    public async Task RecordAsync_PlatformEventWithoutAccount_Recorded()
    {
        var log = new TableStripeEventLog(Table);

        Assert.Equal(EventRecordOutcome.New, await log.RecordAsync(new StripeEvent("evt_2", "customer.created", null, T0), T0, Ct));
    }

    [Fact]
    public async Task LinkAsync_SamePaymentAgainOrAnother_LinkedThenTaken()
    {
        var index = new TablePaymentIntentIndex(Table);
        var payment = new PaymentRef("org_1", "pay_1");

        Assert.Equal(LinkOutcome.Linked, await index.LinkAsync("pi_1", payment, Ct));
        Assert.Equal(LinkOutcome.Linked, await index.LinkAsync("pi_1", payment, Ct));
        Assert.Equal(LinkOutcome.Taken, await index.LinkAsync("pi_1", new PaymentRef("org_2", "pay_9"), Ct));
        Assert.Equal(payment, await index.FindAsync("pi_1", Ct));
        Assert.Null(await index.FindAsync("pi_unknown", Ct));
    }

    [Fact]
    public async Task FindWaitingAsync_OnlyWaitingWorkflowsOfTheAccount()
    {
        var waiting = LedgerSamples.Workflow("org_1", "rf_wait") with { RuntimeStatus = RuntimeStatus.Waiting, ConnectedAccountId = "acct_x", CompletedAt = null };
        var running = waiting with { RefundId = "rf_run", RuntimeStatus = RuntimeStatus.Running };
        var otherAccount = waiting with { RefundId = "rf_other", ConnectedAccountId = "acct_y" };
        foreach (var workflow in new[] { waiting, running, otherAccount })
        {
            Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync("org_1", [new LedgerWrite.PutWorkflow(workflow, null)], Ct));
        }

        var found = new List<string>();
        await foreach (var workflow in Store.FindWaitingAsync("acct_x", Ct))
        {
            found.Add(workflow.Value.RefundId);
        }

        Assert.Equal(["rf_wait"], found);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
