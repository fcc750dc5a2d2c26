using System.Net;
using System.Net.Http.Json;
using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.StandIn;

/// <summary>
/// <see cref="StripeStandInOptions.ResolvePaymentIntent"/>: the local run tells the stand-in what a payment intent it
/// never heard of is (from the app's ledger), so a synced payment is refunded for its own amount and currency instead
/// of the auto-created 10,000.00 USD.
/// </summary>
public sealed class ResolvePaymentIntentTests
{
    [Fact]
    public async Task CreateRefundAsync_UnknownPaymentIntentTheResolverKnows_RefundsTheResolvedAmountAndCurrency()
    {
        var asked = new List<string>();
        await using var harness = await StripeHarness.StartAsync(standInOptions: Resolving(asked, new ResolvedPaymentIntent(StripeHarness.Account, 4_200, "EUR")));

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced"), CancellationToken.None);

        Assert.IsType<CreateRefundOutcome.Created>(outcome);
        var refund = Assert.Single(harness.StandIn.RefundsFor("pi_synced"));
        Assert.Equal((4_200, "eur"), (refund.Amount, refund.Currency));
        Assert.Equal(["pi_synced"], asked);
    }

    [Fact]
    public async Task CreateRefundAsync_PaymentIntentAlreadyResolved_NotAskedAgain()
    {
        var asked = new List<string>();
        await using var harness = await StripeHarness.StartAsync(standInOptions: Resolving(asked, new ResolvedPaymentIntent(StripeHarness.Account, 4_200, "usd")));
        await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced_twice"), CancellationToken.None);

        var second = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_synced_twice"), CancellationToken.None);

        Assert.Equal("charge_already_refunded", Assert.IsType<CreateRefundOutcome.Rejected>(second).Code);
        Assert.Equal(["pi_synced_twice"], asked);
    }

    [Fact]
    public async Task CreateRefundAsync_ResolverDoesNotKnowIt_AutoCreatedAmountAsBefore()
    {
        var options = Resolving([], resolved: null);
        options.AutoCreatePaymentIntents = true;
        options.AutoCreatedPaymentIntentAmount = 7_700;
        await using var harness = await StripeHarness.StartAsync(standInOptions: options);

        await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_nobody_knows"), CancellationToken.None);

        Assert.Equal(7_700, Assert.Single(harness.StandIn.RefundsFor("pi_nobody_knows")).Amount);
    }

    [Fact]
    public async Task CreateRefundAsync_ResolvedOnAnotherAccount_RejectedWithResourceMissing()
    {
        // Auto-create on too: the resolver's answer, not the absence of one, is what refuses the refund.
        var options = Resolving([], new ResolvedPaymentIntent(StripeHarness.OtherAccount, 4_200, "usd"));
        options.AutoCreatePaymentIntents = true;
        await using var harness = await StripeHarness.StartAsync(standInOptions: options);

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_of_another"), CancellationToken.None);

        Assert.Equal("resource_missing", Assert.IsType<CreateRefundOutcome.Rejected>(outcome).Code);
        Assert.Empty(harness.StandIn.RefundsFor("pi_of_another"));
    }

    [Fact]
    public async Task ControlApi_ScriptAndDisputeOfAPaymentIntentOnlyTheResolverKnows_Accepted()
    {
        await using var harness = await StripeHarness.StartAsync(standInOptions: Resolving([], new ResolvedPaymentIntent(StripeHarness.Account, 8_000, "usd", "us_bank_account")));
        using var http = new HttpClient { BaseAddress = harness.StandIn.BaseUri };

        using var script = await http.PostAsJsonAsync(new Uri("/_standin/payment_intents/pi_scripted/script", UriKind.Relative), new { initialStatus = "pending" });
        using var dispute = await http.PostAsync(new Uri("/_standin/payment_intents/pi_disputed/disputes", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.NoContent, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dispute.StatusCode);
        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_scripted"), CancellationToken.None);
        Assert.Equal("pending", Assert.Single(harness.StandIn.RefundsFor("pi_scripted")).Status);
        Assert.IsType<CreateRefundOutcome.Created>(outcome);
    }

    private static StripeStandInOptions Resolving(List<string> asked, ResolvedPaymentIntent? resolved) => new()
    {
        ResolvePaymentIntent = (paymentIntentId, _) =>
        {
            lock (asked)
            {
                asked.Add(paymentIntentId);
            }

            return Task.FromResult(resolved);
        },
    };
}
