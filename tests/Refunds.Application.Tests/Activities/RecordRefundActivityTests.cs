using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Activities;

public sealed class RecordRefundActivityTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    [Fact]
    public async Task RunAsync_LinkedToThePayment_RefundsItAndReopensItsInvoices()
    {
        await SeedRefundedAtStripeAsync(Payment());

        var progress = await RunAsync<RecordRefundActivity>();

        Assert.Equal(RefundStage.Recorded, progress.Stage);
        Assert.False(progress.IntacctPending);
        Assert.Equal(PaymentStatus.Refunded, (await StoredPaymentAsync()).Status);
        var inv1 = await StoredInvoiceAsync("inv_1");
        Assert.Equal((2_000L, InvoiceStatus.PartiallyPaid, true), (inv1.PaidAmountMinor, inv1.Status, inv1.InCollections));
        var inv2 = await StoredInvoiceAsync("inv_2");
        Assert.Equal((0L, InvoiceStatus.Unpaid, true), (inv2.PaidAmountMinor, inv2.Status, inv2.InCollections));
        var stored = await StoredAsync();
        Assert.Equal(RuntimeStatus.Completed, stored.RuntimeStatus);
        Assert.Equal(["inv_1", "inv_2"], stored.ReopenedInvoices.Select(r => r.InvoiceId));
    }

    [Fact]
    public async Task RunAsync_PaymentExportedToIntacct_QueuesTheReversal()
    {
        await SeedRefundedAtStripeAsync(Payment(intacctKey: "4711"));

        var progress = await RunAsync<RecordRefundActivity>();

        Assert.Equal(RefundStage.Recorded, progress.Stage);
        Assert.True(progress.IntacctPending);
        Assert.Equal(T0, progress.DueAt);
        Assert.Equal(IntacctStatus.Pending, (await StoredAsync()).IntacctStatus);
    }

    [Fact]
    public async Task RunAsync_Twice_RecordsOnce()
    {
        await SeedRefundedAtStripeAsync(Payment());
        var first = await RunAsync<RecordRefundActivity>();

        var second = await RunAsync<RecordRefundActivity>();

        Assert.Equivalent(first, second, strict: true);
        Assert.Equal(2_000, (await StoredInvoiceAsync("inv_1")).PaidAmountMinor);
        Assert.Equal(["Started", "StripeRefundSucceeded", "InvoicesReopened"], await HistoryAsync());
    }

    private Task<RefundWorkflow> SeedRefundedAtStripeAsync(Payment payment) =>
        SeedAsync(payment, (w, p) => w.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), p, T0, PollingPolicy.Default));
}
