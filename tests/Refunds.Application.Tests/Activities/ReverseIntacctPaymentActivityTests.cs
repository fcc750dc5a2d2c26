using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Ports;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Activities;

public sealed class ReverseIntacctPaymentActivityTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    [Fact]
    public async Task RunAsync_IntacctReverses_SendsTheDeterministicControlIdAndSucceeds()
    {
        await SeedRecordedAsync();
        Intacct.Reverse.Returns(new IntacctReversalOutcome.Reversed(WasDuplicate: false));

        var progress = await RunAsync<ReverseIntacctPaymentActivity>();

        Assert.False(progress.IntacctPending);
        var request = Assert.Single(Intacct.Requests);
        Assert.Equal(("4711", "refunds-rf_1-reverse", DateOnly.FromDateTime(T0.UtcDateTime)), (request.ArPaymentKey, request.ControlId, request.ReversalDate));
        Assert.Equal(IntacctStatus.Succeeded, (await StoredAsync()).IntacctStatus);
    }

    [Fact]
    public async Task RunAsync_IntacctUnavailable_IsDueAfterTheRetryDelayWithoutThrowing()
    {
        await SeedRecordedAsync();
        Intacct.Reverse.Throws(new IntacctUnavailableException("Intacct answered 503 (GW-0010)."));

        var progress = await RunAsync<ReverseIntacctPaymentActivity>();

        Assert.Equal(RefundStage.Recorded, progress.Stage);
        Assert.True(progress.IntacctPending);
        Assert.Equal(T0 + Options.TransientRetryDelay, progress.DueAt);
        var stored = await StoredAsync();
        Assert.Equal((IntacctStatus.Pending, 1, T0 + Options.TransientRetryDelay), (stored.IntacctStatus, stored.IntacctAttempts, stored.IntacctDueAt));
        Assert.Contains("IntacctUnavailable", await HistoryAsync());
    }

    [Fact]
    public async Task RunAsync_IntacctRefuses_MarksTheReversalFailedForOps()
    {
        await SeedRecordedAsync();
        Intacct.Reverse.Returns(new IntacctReversalOutcome.Failed("BL03000136", "The period is closed."));

        var progress = await RunAsync<ReverseIntacctPaymentActivity>();

        Assert.Equal(RefundStage.Recorded, progress.Stage);
        Assert.False(progress.IntacctPending);
        Assert.Contains("retry-intacct", progress.Status.Remedies);
        var stored = await StoredAsync();
        Assert.Equal(IntacctStatus.Failed, stored.IntacctStatus);
        Assert.Equal(("BL03000136", "The period is closed."), (stored.IntacctError?.ErrorNumber, stored.IntacctError?.Description));
    }

    /// <summary>Refunded at Stripe and recorded at <see cref="ActivityTestBase.T0"/>; the payment was exported as ARPYMT 4711.</summary>
    private Task<RefundWorkflow> SeedRecordedAsync() =>
        SeedAsync(
            Payment(intacctKey: "4711"),
            (w, p) => w.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), p, T0, PollingPolicy.Default),
            (w, p) => w.ReopenInvoices(p, Invoices(), T0));
}
