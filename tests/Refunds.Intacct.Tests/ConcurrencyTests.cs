using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;

namespace Refunds.Intacct.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ReverseArPaymentAsync_TwentyInParallelForOneCompany_NeverMoreThanTwoInFlight()
    {
        await using var harness = await IntacctHarness.StartAsync(o => o.ResponseDelay = TimeSpan.FromMilliseconds(20));
        var keys = Enumerable.Range(5001, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var key in keys)
        {
            harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000);
        }

        var outcomes = await Task.WhenAll(keys.Select(key =>
            Task.Run(() => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request(key), CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), o));
        Assert.All(keys, key => Assert.Equal(1, harness.Payment(key).ReversalCount));
        // Exactly 2: at most 2 is the rule, and reaching 2 shows the requests really ran in parallel.
        Assert.Equal(2, harness.StandIn.MaxConcurrentRequests(harness.StandIn.Options.CompanyId));
        Assert.Equal(1, harness.StandIn.SessionsIssued);
    }
}
