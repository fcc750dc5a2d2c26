using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class TransientTests
{
    private const string Reverse = "reverse_arpayment";

    [Fact]
    public async Task ReverseArPaymentAsync_ThrottlingAndGatewayErrors_SucceedsWithOneReversal()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("4001", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults(
            StandInFault.Throttled(Reverse),
            StandInFault.ThrottledInBody(Reverse),
            StandInFault.HttpStatus(503, Reverse),
            StandInFault.HttpStatus(502, Reverse),
            StandInFault.HttpStatus(504, Reverse));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4001"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        Assert.Equal(1, harness.Payment("4001").ReversalCount);
        Assert.Equal(6, harness.Functions.Count(f => f == Reverse));
        Assert.Equal(0, harness.StandIn.PendingFaults);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_ThrottledWhileOpeningSession_SucceedsWithOneSession()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("4051", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults(StandInFault.Throttled("getAPISession"), StandInFault.HttpStatus(503, "getAPISession"));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4051"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        Assert.Equal(1, harness.StandIn.SessionsIssued);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_ServiceUnavailableBeyondRetries_ThrowsUnavailableWithoutReversing()
    {
        await using var harness = await IntacctHarness.StartAsync(settings: new Dictionary<string, string?> { ["MaxRetryAttempts"] = "3" });
        harness.StandIn.AddArPayment("4101", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults([.. Enumerable.Range(0, 10).Select(_ => StandInFault.HttpStatus(503, Reverse))]);

        var error = await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4101"), CancellationToken.None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Functions.Count(f => f == Reverse));
        Assert.Equal(0, harness.Payment("4101").ReversalCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReverseArPaymentAsync_AttemptTimesOut_ReadsBeforeAnyResend(bool executedBeforeTimeout)
    {
        await using var harness = await IntacctHarness.StartAsync(settings: new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01.500" });
        harness.StandIn.AddArPayment("4200", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.AddArPayment("4201", IntacctHarness.PaymentDate, 1_000);
        // Warm up (session, JIT, connection) so only the injected delay can exceed the attempt timeout.
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4200"), CancellationToken.None);
        harness.StandIn.InjectFaults(StandInFault.Delay(TimeSpan.FromSeconds(20), executedBeforeTimeout, Reverse));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4201"), CancellationToken.None);

        Assert.Equal(1, harness.Payment("4201").ReversalCount);
        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: executedBeforeTimeout), outcome);
        Assert.Equal(executedBeforeTimeout ? [Reverse, "read"] : [Reverse, "read", Reverse], harness.Functions.Skip(2));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReverseArPaymentAsync_OriginTimeout524_ReadsBeforeAnyResend(bool executedBeforeTimeout)
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("4301", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults(StandInFault.OriginTimeout(executedBeforeTimeout, Reverse));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4301"), CancellationToken.None);

        Assert.Equal(1, harness.Payment("4301").ReversalCount);
        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: executedBeforeTimeout), outcome);
        Assert.Equal(
            executedBeforeTimeout ? ["getAPISession", Reverse, "read"] : ["getAPISession", Reverse, "read", Reverse],
            harness.Functions);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_OutcomeStaysUnknown_ThrowsUnavailableAfterBoundedResends()
    {
        await using var harness = await IntacctHarness.StartAsync(settings: new Dictionary<string, string?> { ["MaxResendsAfterUnknownOutcome"] = "2" });
        harness.StandIn.AddArPayment("4401", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults([.. Enumerable.Range(0, 5).Select(_ => StandInFault.OriginTimeout(executeFirst: false, Reverse))]);

        await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("4401"), CancellationToken.None));

        Assert.Equal(3, harness.Functions.Count(f => f == Reverse));
        Assert.Equal(3, harness.Functions.Count(f => f == "read"));
        Assert.Equal(0, harness.Payment("4401").ReversalCount);
    }
}
