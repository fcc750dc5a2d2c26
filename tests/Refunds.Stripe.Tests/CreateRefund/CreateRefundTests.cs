using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.CreateRefund;

public sealed class CreateRefundTests
{
    [Fact]
    public async Task CreateRefundAsync_CardPayment_CreatesFullSucceededRefundOnConnectedAccount()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(amount: 7_250);
        var request = StripeHarness.Request(paymentIntentId);

        var outcome = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);

        var created = Assert.IsType<CreateRefundOutcome.Created>(outcome);
        Assert.Equal(StripeRefundStatus.Succeeded, created.Refund.Status);
        var refund = Assert.Single(harness.StandIn.RefundsFor(paymentIntentId));
        Assert.Equal(created.Refund.Id, refund.Id);
        Assert.Equal(7_250, refund.Amount);
        Assert.Equal(StripeHarness.Account, refund.Account);
        Assert.Equal("requested_by_customer", refund.Reason);
        Assert.Equal(request.RefundId, refund.Metadata["refund_id"]);
        var sent = Assert.Single(harness.StandIn.Requests);
        Assert.Equal(StripeHarness.Account, sent.Account);
        Assert.Equal(request.IdempotencyKey, sent.IdempotencyKey);
        Assert.False(sent.Parameters.ContainsKey("amount"));
    }

    [Fact]
    public async Task CreateRefundAsync_SameIdempotencyKeyTwice_ReturnsTheOneRefund()
    {
        await using var harness = await StripeHarness.StartAsync();
        var request = StripeHarness.Request(harness.AddPayment());

        var first = Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(request, CancellationToken.None));
        var second = Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(request, CancellationToken.None));

        Assert.Equal(first.Refund.Id, second.Refund.Id);
        Assert.Single(harness.StandIn.RefundsFor(request.PaymentIntentId));
        Assert.True(harness.StandIn.Requests[1].Replayed);
    }

    [Fact]
    public async Task CreateRefundAsync_ServerErrorsThenSuccess_RetriesIntoOneRefund()
    {
        await using var harness = await StripeHarness.StartAsync();
        var request = StripeHarness.Request(harness.AddPayment());
        harness.StandIn.InjectFaults(Fault.ApiError, Fault.ApiError, Fault.ApiError);

        var outcome = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);

        Assert.IsType<CreateRefundOutcome.Created>(outcome);
        Assert.Equal(4, harness.StandIn.CreateRefundCalls);
        Assert.Single(harness.StandIn.RefundsFor(request.PaymentIntentId));
        Assert.All(harness.StandIn.Requests, r => Assert.Equal(request.IdempotencyKey, r.IdempotencyKey));
    }

    [Fact]
    public async Task CreateRefundAsync_RateLimitAndLockTimeoutStorm_RetriesIntoOneRefund()
    {
        await using var harness = await StripeHarness.StartAsync();
        var request = StripeHarness.Request(harness.AddPayment());
        harness.StandIn.InjectFaults(Fault.RateLimit, Fault.LockTimeout, Fault.RateLimit, Fault.LockTimeout);

        var outcome = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);

        Assert.IsType<CreateRefundOutcome.Created>(outcome);
        Assert.Equal([429, 429, 429, 429, 200], harness.StandIn.Requests.Select(r => r.Status));
        Assert.Single(harness.StandIn.RefundsFor(request.PaymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_ProcessedButAnsweredServerError_RetryReplaysInsteadOfRefundingTwice()
    {
        await using var harness = await StripeHarness.StartAsync();
        var request = StripeHarness.Request(harness.AddPayment());
        harness.StandIn.InjectFaults(Fault.ProcessThenFail);

        var outcome = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);

        var created = Assert.IsType<CreateRefundOutcome.Created>(outcome);
        Assert.Equal(created.Refund.Id, Assert.Single(harness.StandIn.RefundsFor(request.PaymentIntentId)).Id);
        Assert.Equal([(500, false), (200, true)], harness.StandIn.Requests.Select(r => (r.Status, r.Replayed)));
    }

    [Fact]
    public async Task CreateRefundAsync_FirstAttemptTimesOut_RetriesIntoOneRefund()
    {
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:RequestTimeout"] = "00:00:00.300");
        var request = StripeHarness.Request(harness.AddPayment());
        harness.StandIn.InjectFaults(Fault.Delay(TimeSpan.FromSeconds(1.5)));

        var outcome = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);

        Assert.IsType<CreateRefundOutcome.Created>(outcome);
        // The abandoned first request still runs on the server; its key makes it a replay, not a second refund.
        await WaitUntilAsync(() => harness.StandIn.Requests.Count == 2, TimeSpan.FromSeconds(5));
        Assert.Single(harness.StandIn.RefundsFor(request.PaymentIntentId));
        Assert.Contains(harness.StandIn.Requests, r => r.Replayed);
    }

    [Fact]
    public async Task CreateRefundAsync_FaultsOutlastEveryAttempt_ThrowsStripeUnavailable()
    {
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:MaxAttempts"] = "3");
        var request = StripeHarness.Request(harness.AddPayment());
        harness.StandIn.InjectFaults(Fault.ApiError, Fault.RateLimit, Fault.ApiError, Fault.ApiError);

        await Assert.ThrowsAsync<StripeUnavailableException>(() => harness.Stripe.CreateRefundAsync(request, CancellationToken.None));

        Assert.Equal(3, harness.StandIn.CreateRefundCalls);
        Assert.Empty(harness.StandIn.RefundsFor(request.PaymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_StripeUnreachable_ThrowsStripeUnavailable()
    {
        var closedPort = ClosedLoopbackPort();
        await using var harness = await StripeHarness.StartAsync(s =>
        {
            s["Stripe:ApiBase"] = $"http://127.0.0.1:{closedPort}";
            s["Stripe:MaxAttempts"] = "2";
        });

        var exception = await Assert.ThrowsAsync<StripeUnavailableException>(
            () => harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_unreachable"), CancellationToken.None));

        Assert.Contains("2 attempt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRefundAsync_BalanceTooLow_ReturnsInsufficientBalanceWithoutRetrying()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(amount: 5_000);
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 4_999);

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None);

        var insufficient = Assert.IsType<CreateRefundOutcome.InsufficientBalance>(outcome);
        Assert.StartsWith("Insufficient funds in your Stripe balance", insufficient.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.StandIn.CreateRefundCalls);
        Assert.Empty(harness.StandIn.RefundsFor(paymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_SameKeyAfterBalanceToppedUp_StillReplaysInsufficientBalance()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(amount: 5_000);
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 0);
        var request = StripeHarness.Request(paymentIntentId);
        Assert.IsType<CreateRefundOutcome.InsufficientBalance>(await harness.Stripe.CreateRefundAsync(request, CancellationToken.None));
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 10_000);

        var sameKey = await harness.Stripe.CreateRefundAsync(request, CancellationToken.None);
        var freshKey = await harness.Stripe.CreateRefundAsync(request with { IdempotencyKey = request.IdempotencyKey + ":2" }, CancellationToken.None);

        // Stripe keeps an executed request's error under its key: retrying within 24 h needs a new key.
        Assert.IsType<CreateRefundOutcome.InsufficientBalance>(sameKey);
        Assert.IsType<CreateRefundOutcome.Created>(freshKey);
        Assert.Single(harness.StandIn.RefundsFor(paymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_BalanceShortButStripeWaitsForFunds_CreatedPendingWithReason()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 0);
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingInsufficientFunds());

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None);

        var created = Assert.IsType<CreateRefundOutcome.Created>(outcome);
        Assert.Equal(StripeRefundStatus.Pending, created.Refund.Status);
        Assert.Equal("insufficient_funds", created.Refund.PendingReason);
    }

    [Fact]
    public async Task CreateRefundAsync_AlreadyRefunded_RejectedWithChargeAlreadyRefunded()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment();
        Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None));

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None);

        var rejected = Assert.IsType<CreateRefundOutcome.Rejected>(outcome);
        Assert.Equal("charge_already_refunded", rejected.Code);
        Assert.Single(harness.StandIn.RefundsFor(paymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_UnknownPaymentIntent_RejectedWithResourceMissing()
    {
        await using var harness = await StripeHarness.StartAsync();

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_nobody_knows"), CancellationToken.None);

        var rejected = Assert.IsType<CreateRefundOutcome.Rejected>(outcome);
        Assert.Equal("resource_missing", rejected.Code);
        Assert.Equal(1, harness.StandIn.CreateRefundCalls);
    }

    [Fact]
    public async Task CreateRefundAsync_PaymentIntentOfAnotherAccount_RejectedWithResourceMissing()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(account: StripeHarness.OtherAccount);

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None);

        Assert.Equal("resource_missing", Assert.IsType<CreateRefundOutcome.Rejected>(outcome).Code);
        Assert.Empty(harness.StandIn.RefundsFor(paymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_KeyReusedForAnotherPayment_RejectedWithIdempotencyError()
    {
        await using var harness = await StripeHarness.StartAsync();
        var first = StripeHarness.Request(harness.AddPayment());
        var second = first with { PaymentIntentId = harness.AddPayment() };
        Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(first, CancellationToken.None));

        var outcome = await harness.Stripe.CreateRefundAsync(second, CancellationToken.None);

        Assert.Equal("idempotency_error", Assert.IsType<CreateRefundOutcome.Rejected>(outcome).Code);
        Assert.Empty(harness.StandIn.RefundsFor(second.PaymentIntentId));
    }

    [Fact]
    public async Task CreateRefundAsync_WrongApiKey_ThrowsConfigurationErrorWithoutRetrying()
    {
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:ApiKey"] = "sk_test_wrong_key_1234");
        var request = StripeHarness.Request(harness.AddPayment());

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Stripe.CreateRefundAsync(request, CancellationToken.None));

        Assert.Contains("Stripe:ApiKey", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_test_wrong_key_1234", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.StandIn.CreateRefundCalls);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
