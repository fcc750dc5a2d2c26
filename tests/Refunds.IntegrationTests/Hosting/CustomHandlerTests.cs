using System.Net;
using System.Text;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Hosting;

/// <summary>The Functions host's side of the custom handler protocol, replayed against the app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomHandlerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    // Under the Functions host nothing in-process reads the queues: the host invokes each trigger route.
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Hosting:Standalone"] = "false" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RefundStep_StaleMessageFromHost_200WithInvocationResult()
    {
        const string payload = """
            {"Data":{"message":"{\"organizationId\":\"org_x\",\"refundId\":\"rf_unknown\",\"sequence\":3}"},
             "Metadata":{"DequeueCount":"1","Id":"5f2c","InsertionTime":"2026-11-23T10:00:00+00:00","sys":{"MethodName":"RefundStep"}}}
            """;

        using var response = await _app.Http.PostAsync("/RefundStep", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ProblemAssert.JsonAsync(response);
        Assert.True(body.TryGetProperty("Outputs", out _));
        Assert.True(body.TryGetProperty("Logs", out _));
    }

    [Fact]
    public async Task RefundStep_StepFailsWhileStripeIsDown_500SoTheHostRetries()
    {
        // Under the Functions host nothing in-process reads the queues: the host invokes each step.
        await using var hosted = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Hosting:Standalone"] = "false" });
        var paid = await Seed.PaidOnlinePaymentAsync(hosted, Seed.NewOrg());
        using var started = await hosted.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        hosted.Stripe.InjectFaults(Enumerable.Repeat(global::Refunds.StripeStandIn.Fault.ApiError, 5).ToArray());

        using var failing = await InvokeStepAsync(hosted, paid.Org, refundId, 0);
        using var retried = await InvokeStepAsync(hosted, paid.Org, refundId, 0);
        using var next = await InvokeStepAsync(hosted, paid.Org, refundId, 1);

        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var status = await hosted.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(hosted.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task StripeEvent_DisputeMessageFromHost_200AndReversalStarted()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), paymentMethod: "sepa_debit");
        var payload = DisputeInvocation(paid.PaymentIntentId, "evt_host_1", "du_host_1");

        using var response = await _app.Http.PostAsync("/StripeEvent", new StringContent(payload, Encoding.UTF8, "application/json"));
        using var step = await InvokeStepAsync(_app, paid.Org, "rv_du_host_1", 0);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        var status = await _app.WaitForStatusAsync(paid.Org, "rv_du_host_1", s => s.GetProperty("runtimeStatus").GetString() == "Completed", "reversal completed");
        Assert.Equal("LateFailureReversal", status.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task IntacctReversal_HostInvocationsWhileIntacctThrottlesThenRecovers_500ThenSucceededOnce()
    {
        await using var hosted = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Hosting:Standalone"] = "false",
            ["Intacct:MaxRetryAttempts"] = "1",
        });
        var paid = await Seed.PaidOnlinePaymentAsync(hosted, Seed.NewOrg(), intacctKey: "9001");
        using var started = await hosted.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        (await InvokeStepAsync(hosted, paid.Org, refundId, 0)).Dispose();
        (await InvokeStepAsync(hosted, paid.Org, refundId, 1)).Dispose();
        // One retry configured: two throttled answers exhaust the adapter's attempts within one invocation.
        hosted.Intacct.InjectFaults(global::Refunds.IntacctStandIn.StandInFault.Throttled(), global::Refunds.IntacctStandIn.StandInFault.Throttled());
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            Data = new { message = System.Text.Json.JsonSerializer.Serialize(new { organizationId = paid.Org, refundId }) },
            Metadata = new { DequeueCount = "1", sys = new { MethodName = "IntacctReversal" } },
        });

        using var throttled = await hosted.Http.PostAsync("/IntacctReversal", new StringContent(payload, Encoding.UTF8, "application/json"));
        Assert.Equal(0, hosted.Intacct.PendingFaults);
        using var retried = await hosted.Http.PostAsync("/IntacctReversal", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var status = await hosted.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Equal(1, hosted.Intacct.GetArPayment("9001")!.ReversalCount);
    }

    [Fact]
    public async Task Sweeper_TimerInvocationFromHost_200AndStalledRefundResumes()
    {
        await using var hosted = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Hosting:Standalone"] = "false",
            ["Workflow:StallGrace"] = "00:00:00.500",
        });
        var paid = await Seed.PaidOnlinePaymentAsync(hosted, Seed.NewOrg());
        using var started = await hosted.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        const string timer = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"Sweeper","UtcNow":"2026-11-23T10:00:00Z"}}}
            """;

        using var response = await hosted.Http.PostAsync("/Sweeper", new StringContent(timer, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, hosted.StepQueueName);
        var peeked = await queue.PeekMessagesAsync(32);
        Assert.True(peeked.Value.Length >= 2, "the sweeper must have re-queued the pending refund's step beside the original message");
    }

    [Theory]
    [InlineData("/RefundStep")]
    [InlineData("/StripeEvent")]
    [InlineData("/IntacctReversal")]
    [InlineData("/Sweeper")]
    public async Task TriggerRoute_StandaloneAppAnonymousCaller_404AndNothingChanged(string route)
    {
        await using var standalone = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(standalone, Seed.NewOrg(), paymentMethod: "us_bank_account");
        var payload = DisputeInvocation(paid.PaymentIntentId, "evt_forged_1", "du_forged_1");

        using var response = await standalone.Http.PostAsync(route, new StringContent(payload, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        using var reversal = await standalone.SendAsync(HttpMethod.Get, $"/api/organizations/{paid.Org}/refunds/rv_du_forged_1", TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.NotFound, reversal.StatusCode);
        using var refund = await standalone.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, refund.StatusCode);
    }

    /// <summary>The host's invocation of the StripeEvent function for a queued charge.dispute.created.</summary>
    private static string DisputeInvocation(string paymentIntentId, string eventId, string disputeId)
    {
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = eventId,
            type = "charge.dispute.created",
            account = Seed.Account,
            created = "2026-11-23T10:00:00+00:00",
            paymentIntentId,
            disputeId,
            disputeReason = "debit_not_authorized",
        });
        return System.Text.Json.JsonSerializer.Serialize(new { Data = new { message }, Metadata = new { DequeueCount = "1" } });
    }

    private static Task<HttpResponseMessage> InvokeStepAsync(TestApp app, string org, string refundId, int sequence)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            Data = new { message = new { organizationId = org, refundId, sequence } },
            Metadata = new { DequeueCount = "1" },
        });
        return app.Http.PostAsync("/RefundStep", new StringContent(payload, Encoding.UTF8, "application/json"));
    }
}
