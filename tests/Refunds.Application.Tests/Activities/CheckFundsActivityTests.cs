using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Activities;

public sealed class CheckFundsActivityTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    private static readonly DateTimeOffset FirstCheck = T0.AddHours(6);
    private static readonly DateTimeOffset Deadline = T0.AddDays(7);

    [Fact]
    public async Task RunAsync_BalanceStillShort_ShowsTheNewBalanceAndChecksAgainLater()
    {
        await SeedWaitingForFundsAsync();
        Time.SetUtcNow(FirstCheck);
        Stripe.Balance.Returns(ScriptedStripe.Usd(available: 3_000, pending: 500));

        var progress = await RunAsync<CheckFundsActivity>();

        Assert.Equal(RefundStage.WaitingForFunds, progress.Stage);
        Assert.Equal(FirstCheck + Options.BalanceCheckInterval, progress.DueAt);
        Assert.Equal(7_000, progress.Status.ShortfallMinorUnits);
        Assert.Equal(new FundsWait(new Money(3_000, "USD"), new Money(500, "USD"), FirstCheck, Deadline), (await StoredAsync()).FundsWait);
        Assert.Empty(Stripe.Created);
    }

    [Fact]
    public async Task RunAsync_BalanceCovers_ResumesCreatingBeforeAnythingReachesStripe()
    {
        await SeedWaitingForFundsAsync();
        Time.SetUtcNow(FirstCheck);
        Stripe.Balance.Returns(ScriptedStripe.Usd(available: 10_000));

        var progress = await RunAsync<CheckFundsActivity>();

        Assert.Equal(RefundStage.ReadyToCreate, progress.Stage);
        Assert.Equal(FirstCheck, progress.DueAt);
        Assert.Equal(RuntimeStatus.Running, (await StoredAsync()).RuntimeStatus);
        Assert.Empty(Stripe.Created);
    }

    [Fact]
    public async Task RunAsync_BeforeTheRecordIsDue_ChangesNothingAndAsksStripeNothing()
    {
        var seeded = await SeedWaitingForFundsAsync();
        Time.SetUtcNow(FirstCheck.AddMinutes(-1));

        var progress = await RunAsync<CheckFundsActivity>();

        Assert.Equal(RefundStage.WaitingForFunds, progress.Stage);
        Assert.Equal(FirstCheck, progress.DueAt);
        Assert.Equal(0, Stripe.Balance.Calls);
        Assert.Equal(seeded.Sequence, (await StoredAsync()).Sequence);
    }

    [Fact]
    public async Task RunAsync_AtTheDeadline_GivesUpAndReleasesThePayment()
    {
        await SeedWaitingForFundsAsync();
        Time.SetUtcNow(Deadline);
        Stripe.Find.Returns(null);

        var progress = await RunAsync<CheckFundsActivity>();

        Assert.Equal(RefundStage.Failed, progress.Stage);
        var stored = await StoredAsync();
        Assert.Equal(RuntimeStatus.Failed, stored.RuntimeStatus);
        Assert.StartsWith("Gave up waiting for funds", stored.LastError?.Message, StringComparison.Ordinal);
        Assert.Null((await StoredPaymentAsync()).ActiveRefundId);
        Assert.Equal(0, Stripe.Balance.Calls);
        Assert.Equal(["Started", "InsufficientBalance", "GaveUpWaitingForFunds"], await HistoryAsync());
    }

    [Fact]
    public async Task RunAsync_AtTheDeadlineWhenALostAnswerHidOurRefund_RecordsItInsteadOfGivingUp()
    {
        await SeedWaitingForFundsAsync();
        Time.SetUtcNow(Deadline);
        Stripe.Find.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded));

        var progress = await RunAsync<CheckFundsActivity>();

        Assert.Equal(RefundStage.ReadyToRecord, progress.Stage);
        Assert.Equal("re_1", (await StoredAsync()).StripeRefundId);
        Assert.Equal(RefundId, (await StoredPaymentAsync()).ActiveRefundId);
    }

    /// <summary>Stripe refused the create at <see cref="ActivityTestBase.T0"/> for a balance of 25.00 USD.</summary>
    private Task<RefundWorkflow> SeedWaitingForFundsAsync() =>
        SeedAsync(Payment(), (w, _) => w.OnInsufficientBalance(
            "Insufficient funds in your Stripe balance to refund this amount.",
            new AccountBalance(new Money(2_500, "USD"), new Money(0, "USD")),
            T0,
            FirstCheck,
            Deadline));
}
