using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class RandomFaultTests
{
    [Fact]
    public async Task RandomFaults_HalfOfRequestsFail_EveryPaymentReversedExactlyOnce()
    {
        await using var harness = await IntacctHarness.StartAsync(o => o.RandomFaults = new RandomFaults(0.5, Seed: 11));
        var keys = Enumerable.Range(0, 6).Select(i => (5001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        keys.ForEach(key => harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000));

        foreach (var key in keys)
        {
            // The app's queue retries a reversal Intacct left unavailable; so does this loop, boundedly.
            IntacctReversalOutcome? outcome = null;
            for (var attempt = 0; attempt < 10 && outcome is null; attempt++)
            {
                try
                {
                    outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request(key), CancellationToken.None);
                }
                catch (IntacctUnavailableException)
                {
                    // Retried by the loop, as the queue would.
                }
            }

            Assert.IsType<IntacctReversalOutcome.Reversed>(outcome);
        }

        Assert.All(keys, key => Assert.Equal(1, harness.Payment(key).ReversalCount));
        Assert.True(harness.StandIn.RandomFaultCount > 0);
    }
}
