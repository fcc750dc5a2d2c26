using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Ports;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Activities;

public sealed class CreateStripeRefundActivityTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    private const string InsufficientFunds = "Insufficient funds in your Stripe balance to refund this amount.";

    [Fact]
    public async Task RunAsync_InsufficientBalance_WaitsForFundsWithTheBalanceAndADeadline()
    {
        await SeedAsync(Payment());
        Stripe.Create.Returns(new CreateRefundOutcome.InsufficientBalance(InsufficientFunds));
        Stripe.Balance.Returns(ScriptedStripe.Usd(available: 2_500, pending: 7_000));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.WaitingForFunds, progress.Stage);
        Assert.Equal(T0 + Options.BalanceCheckInterval, progress.DueAt);
        Assert.Equal(7_500, progress.Status.ShortfallMinorUnits);
        Assert.Equal(["retry", "cancel"], progress.Status.Remedies);
        var stored = await StoredAsync();
        Assert.Equal(new FundsWait(new Money(2_500, "USD"), new Money(7_000, "USD"), T0, T0 + Options.InsufficientFundsGiveUpAfter), stored.FundsWait);
        Assert.Equal(1, stored.CreateAttempt);
        Assert.Equal(RuntimeStatus.Waiting, stored.RuntimeStatus);
        Assert.Equal("refund-rf_1", Assert.Single(Stripe.Created).IdempotencyKey);
        Assert.Equal(0, Stripe.Find.Calls);
        Assert.Equal(RefundId, (await StoredPaymentAsync()).ActiveRefundId);
    }

    [Fact]
    public async Task RunAsync_ChargeAlreadyRefundedAndOursFoundByMetadata_RecordsOursInsteadOfFailing()
    {
        await SeedAsync(Payment());
        Stripe.Create.Returns(new CreateRefundOutcome.Rejected("charge_already_refunded", "Charge ch_1 has already been refunded."));
        Stripe.Find.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.ReadyToRecord, progress.Stage);
        var stored = await StoredAsync();
        Assert.Equal("re_1", stored.StripeRefundId);
        Assert.Null(stored.LastError);
        Assert.Equal(RefundId, (await StoredPaymentAsync()).ActiveRefundId);
    }

    [Fact]
    public async Task RunAsync_StripeRejects_FailsAndReleasesThePayment()
    {
        await SeedAsync(Payment());
        Stripe.Create.Returns(new CreateRefundOutcome.Rejected("charge_disputed", "The charge is disputed."));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.Failed, progress.Stage);
        Assert.Contains("charge_disputed", (await StoredAsync()).LastError?.Message, StringComparison.Ordinal);
        Assert.Null((await StoredPaymentAsync()).ActiveRefundId);
    }

    [Fact]
    public async Task RunAsync_AfterARefusedAttempt_FindsOursFirstAndNeverCreates()
    {
        // Refused for the balance, then resumed: the create under the new key may have gone through with its answer lost.
        await SeedAsync(
            Payment(),
            (w, _) => w.OnInsufficientBalance(InsufficientFunds, new AccountBalance(new Money(0, "USD"), new Money(0, "USD")), T0, T0.AddHours(6), T0.AddDays(7)),
            (w, _) => w.ResumeCreate(null, T0.AddHours(6)));
        Time.SetUtcNow(T0.AddHours(6));
        Stripe.Find.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.ReadyToRecord, progress.Stage);
        Assert.Empty(Stripe.Created);
    }

    [Fact]
    public async Task RunAsync_OlderThanTheIdempotencyKeyTrust_FindsOursFirstAndNeverCreates()
    {
        await SeedAsync(Payment());
        Time.SetUtcNow(T0 + Options.IdempotencyKeyTrust + TimeSpan.FromMinutes(1));
        Stripe.Find.Returns(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.PendingAtStripe, progress.Stage);
        Assert.Equal("re_1", (await StoredAsync()).StripeRefundId);
        Assert.Empty(Stripe.Created);
    }

    [Fact]
    public async Task RunAsync_OlderThanTheIdempotencyKeyTrustAndNothingFound_CreatesUnderTheSameKey()
    {
        await SeedAsync(Payment());
        Time.SetUtcNow(T0 + Options.IdempotencyKeyTrust + TimeSpan.FromMinutes(1));
        Stripe.Find.Returns(null);
        Stripe.Create.Returns(new CreateRefundOutcome.Created(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded)));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.ReadyToRecord, progress.Stage);
        Assert.Equal("refund-rf_1", Assert.Single(Stripe.Created).IdempotencyKey);
    }

    [Fact]
    public async Task RunAsync_StripeUnavailable_RecordsTheErrorAndIsDueAfterTheRetryDelayWithoutThrowing()
    {
        await SeedAsync(Payment());
        Stripe.Create.Throws(new StripeUnavailableException("Stripe answered 503 after 3 attempts."));

        var progress = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equal(RefundStage.ReadyToCreate, progress.Stage);
        Assert.Equal(T0 + Options.TransientRetryDelay, progress.DueAt);
        Assert.Equal("Stripe answered 503 after 3 attempts.", progress.Status.LastError);
        var stored = await StoredAsync();
        Assert.Equal(new WorkflowError(RefundStep.CreateStripeRefund, T0, "Stripe answered 503 after 3 attempts."), stored.LastError);
        Assert.Equal(["Started", "Error"], await HistoryAsync());
    }

    [Fact]
    public async Task RunAsync_AgainAfterItCommitted_ReturnsTheRecordWithoutCallingStripe()
    {
        await SeedAsync(Payment());
        Stripe.Create.Returns(new CreateRefundOutcome.Created(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded)));
        var first = await RunAsync<CreateStripeRefundActivity>();

        var second = await RunAsync<CreateStripeRefundActivity>();

        Assert.Equivalent(first, second, strict: true);
        Assert.Equal(RefundStage.ReadyToRecord, second.Stage);
        Assert.Single(Stripe.Created);
        Assert.Equal(["Started", "StripeRefundSucceeded"], await HistoryAsync());
    }
}
