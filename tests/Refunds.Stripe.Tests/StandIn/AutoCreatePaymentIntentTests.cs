using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.StandIn;

/// <summary>
/// <see cref="StripeStandInOptions.AutoCreatePaymentIntents"/>: the local run's stand-in accepts any payment intent a
/// user synced into the app; off, an unknown one is <c>resource_missing</c> (see CreateRefundTests).
/// </summary>
public sealed class AutoCreatePaymentIntentTests
{
    private static StripeStandInOptions AutoCreating() => new() { AutoCreatePaymentIntents = true, AutoCreatedPaymentIntentAmount = 7_700 };

    [Fact]
    public async Task CreateRefundAsync_UnknownPaymentIntentWithAutoCreate_RefundsTheWholeAutoCreatedAmount()
    {
        await using var harness = await StripeHarness.StartAsync(standInOptions: AutoCreating());

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced_only"), CancellationToken.None);

        Assert.IsType<CreateRefundOutcome.Created>(outcome);
        var refund = Assert.Single(harness.StandIn.RefundsFor("pi_synced_only"));
        Assert.Equal(7_700, refund.Amount);
    }

    [Fact]
    public async Task CreateRefundAsync_AutoCreatedPaymentIntentRefundedTwice_SecondIsChargeAlreadyRefunded()
    {
        await using var harness = await StripeHarness.StartAsync(standInOptions: AutoCreating());
        await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced_twice"), CancellationToken.None);

        var second = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced_twice"), CancellationToken.None);

        Assert.Equal("charge_already_refunded", Assert.IsType<CreateRefundOutcome.Rejected>(second).Code);
    }

    [Fact]
    public async Task CreateRefundAsync_PaymentIntentOfAnotherAccountWithAutoCreate_RejectedWithResourceMissing()
    {
        await using var harness = await StripeHarness.StartAsync(standInOptions: AutoCreating());
        var paymentIntentId = harness.AddPayment(account: StripeHarness.OtherAccount);

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None);

        Assert.Equal("resource_missing", Assert.IsType<CreateRefundOutcome.Rejected>(outcome).Code);
        Assert.Empty(harness.StandIn.RefundsFor(paymentIntentId));
    }

    [Fact]
    public async Task FindRefundAsync_UnknownPaymentIntentWithAutoCreate_ReturnsNull()
    {
        await using var harness = await StripeHarness.StartAsync(standInOptions: AutoCreating());

        var found = await harness.Stripe.FindRefundAsync(StripeHarness.Account, "pi_synced_never_refunded", "rf_ours", CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public void AutoCreatePaymentIntents_Default_Off()
    {
        Assert.False(new StripeStandInOptions().AutoCreatePaymentIntents);
    }
}
