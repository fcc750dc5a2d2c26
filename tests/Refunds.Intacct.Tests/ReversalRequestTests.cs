using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class ReversalRequestTests
{
    [Fact]
    public async Task ReverseArPaymentAsync_PostedPayment_ReversesItExactlyOnce()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("1001", IntacctHarness.PaymentDate, 12_500);

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("1001"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        var payment = harness.Payment("1001");
        Assert.Equal(StandInArPaymentState.Reversed, payment.State);
        Assert.Equal(1, payment.ReversalCount);
        Assert.Equal(new DateOnly(2026, 3, 7), payment.ReversalDate);
        Assert.Equal("Refund of payment 1001", payment.ReversalDescription);
        Assert.Equal(["getAPISession", "reverse_arpayment"], harness.Functions);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_Request_CarriesUniqueIdControlIdAtBothLevelsDateAndDescription()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("1002", IntacctHarness.PaymentDate, 4_000);
        var request = IntacctHarness.Request("1002", controlId: "refund-7f3a-reverse", reversalDate: new DateOnly(2026, 4, 9));

        await harness.Reversals.ReverseArPaymentAsync(request, CancellationToken.None);

        var sent = harness.StandIn.Requests.Single(r => r.Function == "reverse_arpayment");
        var root = sent.Xml.Root!;
        var control = root.Element("control")!;
        Assert.Equal("true", control.Element("uniqueid")!.Value);
        Assert.Equal("3.0", control.Element("dtdversion")!.Value);
        Assert.Equal("refund-7f3a-reverse", control.Element("controlid")!.Value);
        var function = root.Element("operation")!.Element("content")!.Element("function")!;
        Assert.Equal("refund-7f3a-reverse", function.Attribute("controlid")!.Value);
        var reversal = function.Element("reverse_arpayment")!;
        Assert.Equal("1002", reversal.Attribute("key")!.Value);
        var date = reversal.Element("datereversed")!;
        Assert.Equal(("2026", "04", "09"), (date.Element("year")!.Value, date.Element("month")!.Value, date.Element("day")!.Value));
        Assert.Equal("Refund of payment 1002", reversal.Element("description")!.Value);
        Assert.Equal(harness.StandIn.SessionEndpoint.AbsolutePath, sent.Path);
    }
}
