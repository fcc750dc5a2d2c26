using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;

namespace Refunds.Intacct.Tests;

/// <summary>The stand-in's <c>/_standin</c> JSON API that the local run's users drive with curl, seen through the real adapter.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task ControlApi_ArPaymentAddedWithoutContentType_AdapterReversesItAndTheListShowsIt()
    {
        await using var harness = await IntacctHarness.StartAsync();
        using var http = Control(harness);

        using var added = await http.PostAsync(new Uri("ar_payments", UriKind.Relative), PlainText("""{"key":"5001","amount":4200,"paymentDate":"2026-03-02"}"""));
        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("5001"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        using var list = JsonDocument.Parse(await http.GetStringAsync(new Uri("ar_payments", UriKind.Relative)));
        var payment = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("5001", payment.GetProperty("key").GetString());
        Assert.Equal("Reversed", payment.GetProperty("state").GetString());
        Assert.Equal(1, payment.GetProperty("reversalCount").GetInt32());
        Assert.Equal("USD", payment.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task ControlApi_FailNextReversal_AdapterFailsOnceWithTheBusinessErrorThenReverses()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("5002", IntacctHarness.PaymentDate, 4_200);
        using var http = Control(harness);

        using var armed = await http.PostAsync(new Uri("reversals/fail_next", UriKind.Relative), content: null);
        var first = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("5002"), CancellationToken.None);
        var second = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("5002", controlId: "refund-5002-reverse-2"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, armed.StatusCode);
        Assert.Equal("BL03000999", Assert.IsType<IntacctReversalOutcome.Failed>(first).ErrorNumber);
        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), second);
        Assert.Equal(1, harness.Payment("5002").ReversalCount);
    }

    [Fact]
    public async Task ControlApi_FailNextReversalWithAnError_AdapterReportsThatError()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("5003", IntacctHarness.PaymentDate, 4_200);
        using var http = Control(harness);

        using var armed = await http.PostAsJsonAsync(new Uri("reversals/fail_next", UriKind.Relative), new { errorNo = "BL03000136", description2 = "The period is closed." });
        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("5003"), CancellationToken.None);

        var failed = Assert.IsType<IntacctReversalOutcome.Failed>(outcome);
        Assert.Equal("BL03000136", failed.ErrorNumber);
        Assert.Contains("The period is closed.", failed.Description, StringComparison.Ordinal);
        Assert.Equal(0, harness.Payment("5003").ReversalCount);
    }

    [Fact]
    public async Task ControlApi_AddExistingKeyOrReadUnknownKey_Answers409And404()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("5004", IntacctHarness.PaymentDate, 4_200);
        using var http = Control(harness);

        using var again = await http.PostAsJsonAsync(new Uri("ar_payments", UriKind.Relative), new { key = "5004", amount = 100 });
        using var unknown = await http.GetAsync(new Uri("ar_payments/5999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(4_200, harness.Payment("5004").AmountMinor);
    }

    private static HttpClient Control(IntacctHarness harness) => new() { BaseAddress = new Uri(harness.StandIn.BaseUri, "_standin/") };

    private static StringContent PlainText(string body) => new(body, Encoding.UTF8, "text/plain");
}
