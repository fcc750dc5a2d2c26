using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Stripe.Tests.StandIn;

/// <summary><c>/_standin/refunds/dashboard</c> and <c>/_standin/refunds/{id}/fail_later</c>, as an out-of-process app uses them.</summary>
public sealed class DashboardControlApiTests
{
    [Fact]
    public async Task ControlApi_DashboardRefundThenFailLater_AdapterListsItFailedWithoutMetadata()
    {
        await using var harness = await StripeHarness.StartAsync();
        var listing = harness.Services.GetRequiredService<IStripeRefundListing>();
        using var http = new HttpClient { BaseAddress = harness.StandIn.BaseUri };
        var paymentIntent = harness.AddPayment(4_200);
        var created = DateTimeOffset.UtcNow.AddDays(-2);

        using var refundResponse = await http.PostAsJsonAsync(
            new Uri("/_standin/refunds/dashboard", UriKind.Relative),
            new { account = StripeHarness.Account, paymentIntent, created = created.ToUnixTimeSeconds() });
        var refundId = JsonDocument.Parse(await refundResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var failResponse = await http.PostAsJsonAsync(new Uri($"/_standin/refunds/{refundId}/fail_later", UriKind.Relative), new { status = "canceled" });
        var page = await listing.ListRefundsAsync(StripeHarness.Account, created.AddMinutes(-1), created.AddMinutes(1), null, 100, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, refundResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, failResponse.StatusCode);
        var listed = Assert.Single(page.Refunds);
        Assert.Equal(refundId, listed.Id);
        Assert.Equal(StripeRefundStatus.Canceled, listed.Status);
        Assert.Null(listed.OurRefundId);
        Assert.Equal(4_200, listed.Amount.MinorUnits);
    }

    [Fact]
    public async Task ControlApi_FailLaterOfUnknownRefund_Answers404()
    {
        await using var harness = await StripeHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.StandIn.BaseUri };

        using var response = await http.PostAsJsonAsync(new Uri("/_standin/refunds/re_missing/fail_later", UriKind.Relative), new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
