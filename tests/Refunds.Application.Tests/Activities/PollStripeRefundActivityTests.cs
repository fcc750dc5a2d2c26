using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Activities;

public sealed class PollStripeRefundActivityTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    private static readonly DateTimeOffset FirstPoll = T0.AddSeconds(2);

    [Fact]
    public async Task RunAsync_StillPending_PollsAgainAfterALongerDelay()
    {
        await SeedPendingAsync();
        Time.SetUtcNow(FirstPoll);
        Stripe.Get.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending));

        var progress = await RunAsync<PollStripeRefundActivity>();

        Assert.Equal(RefundStage.PendingAtStripe, progress.Stage);
        Assert.Equal(FirstPoll + Options.Polling.DelayFor(1), progress.DueAt);
        Assert.Equal(1, (await StoredAsync()).PollAttempts);
    }

    [Fact]
    public async Task RunAsync_StripeFailedTheRefund_FailsAndReleasesThePayment()
    {
        await SeedPendingAsync();
        Time.SetUtcNow(FirstPoll);
        Stripe.Get.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, FailureReason: "expired_or_canceled_card"));

        var progress = await RunAsync<PollStripeRefundActivity>();

        Assert.Equal(RefundStage.Failed, progress.Stage);
        Assert.Contains("expired_or_canceled_card", (await StoredAsync()).LastError?.Message, StringComparison.Ordinal);
        Assert.Null((await StoredPaymentAsync()).ActiveRefundId);
    }

    /// <summary>Stripe took the refund as pending at <see cref="ActivityTestBase.T0"/>: first poll due 2 s later.</summary>
    private Task<RefundWorkflow> SeedPendingAsync() =>
        SeedAsync(Payment(), (w, p) => w.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), p, T0, Options.Polling));
}
