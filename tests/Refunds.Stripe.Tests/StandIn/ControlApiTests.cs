using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Stripe.Tests.StandIn;

/// <summary>The <c>/_standin</c> JSON API that out-of-process apps and curl use to script the stand-in.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task ControlApi_ScriptsPaymentFaultsAndSettlement_AdapterSeesThem()
    {
        await using var harness = await StripeHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.StandIn.BaseUri };
        await Post(http, "/_standin/payment_intents", new { account = StripeHarness.Account, id = "pi_control", amount = 4_200, currency = "usd" });
        await Post(http, "/_standin/payment_intents/pi_control/script", new { initialStatus = "pending", pendingReason = "insufficient_funds" });
        await Post(http, "/_standin/faults", new object[] { new { kind = "RateLimit" }, new { kind = "ApiError" } });

        var outcome = await harness.Stripe.CreateRefundAsync(StripeHarness.Request("pi_control"), CancellationToken.None);
        var refundId = Assert.IsType<CreateRefundOutcome.Created>(outcome).Refund.Id;
        await Post(http, $"/_standin/refunds/{refundId}/settle", new { });

        Assert.Equal(StripeRefundStatus.Succeeded, (await harness.Stripe.GetRefundAsync(StripeHarness.Account, refundId, CancellationToken.None)).Status);
        using var refunds = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_standin/payment_intents/pi_control/refunds", UriKind.Relative)));
        var refund = Assert.Single(refunds.RootElement.EnumerateArray());
        Assert.Equal(4_200, refund.GetProperty("amount").GetInt64());
        Assert.Equal(3, harness.StandIn.CreateRefundCalls);
    }

    [Fact]
    public async Task ControlApi_SettleUnknownRefund_Answers404()
    {
        await using var harness = await StripeHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.StandIn.BaseUri };

        using var response = await http.PostAsync(new Uri("/_standin/refunds/re_missing/settle", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task Post(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
