using Microsoft.Extensions.Time.Testing;
using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task ReverseArPaymentAsync_SeveralCalls_OpenOneSessionAndReuseIt()
    {
        await using var harness = await IntacctHarness.StartAsync();
        foreach (var key in new[] { "2001", "2002", "2003" })
        {
            harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000);
            await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request(key), CancellationToken.None);
        }

        Assert.Equal(1, harness.StandIn.SessionsIssued);
        var login = Assert.Single(harness.StandIn.Requests, r => r.Function == "getAPISession");
        Assert.Single(login.Xml.Root!.Element("operation")!.Element("content")!.Elements("function"));
        Assert.Equal(IntacctStandIn.IntacctStandIn.GatewayPath, login.Path);
        var business = harness.StandIn.Requests.Where(r => r.Function != "getAPISession").ToList();
        Assert.Equal(3, business.Count);
        Assert.All(business, r =>
        {
            Assert.DoesNotContain(harness.StandIn.Options.UserPassword, r.Body, StringComparison.Ordinal);
            Assert.Equal(harness.StandIn.IssuedSessionIds[0], r.Xml.Root!.Element("operation")!.Element("authentication")!.Element("sessionid")!.Value);
        });
    }

    [Fact]
    public async Task ReverseArPaymentAsync_SessionTimedOut_OpensANewSessionFirst()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await IntacctHarness.StartAsync(o => o.SessionLifetime = TimeSpan.FromMinutes(10), clock: clock);
        harness.StandIn.AddArPayment("2101", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.AddArPayment("2102", IntacctHarness.PaymentDate, 1_000);

        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2101"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));
        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2102"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        Assert.Equal(2, harness.StandIn.SessionsIssued);
        Assert.Equal(["getAPISession", "reverse_arpayment", "getAPISession", "reverse_arpayment"], harness.Functions);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_UsesSlidingTimeoutFromAnswers_KeepsSessionWhileInUse()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await IntacctHarness.StartAsync(o => o.SessionLifetime = TimeSpan.FromMinutes(10), clock: clock);
        foreach (var key in new[] { "2151", "2152", "2153" })
        {
            harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000);
            await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request(key), CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(7));
        }

        Assert.Equal(1, harness.StandIn.SessionsIssued);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_NoSessionTimeoutInAnswers_UsesConfiguredLifetime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await IntacctHarness.StartAsync(
            o => (o.ReportSessionTimeout, o.SessionLifetime) = (false, TimeSpan.FromHours(2)),
            new Dictionary<string, string?> { ["SessionLifetime"] = "00:05:00", ["SessionRenewalMargin"] = "00:01:00" },
            clock);
        foreach (var key in new[] { "2201", "2202", "2203" })
        {
            harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000);
        }

        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2201"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2202"), CancellationToken.None);
        Assert.Equal(1, harness.StandIn.SessionsIssued);

        clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2203"), CancellationToken.None);
        Assert.Equal(2, harness.StandIn.SessionsIssued);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_SessionRejected_RenewsOnceAndResends()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("2301", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.AddArPayment("2302", IntacctHarness.PaymentDate, 1_000);
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2301"), CancellationToken.None);

        harness.StandIn.InvalidateSessions();
        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2302"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: false), outcome);
        Assert.Equal(2, harness.StandIn.SessionsIssued);
        Assert.Equal(1, harness.Payment("2302").ReversalCount);
        Assert.Equal(["getAPISession", "reverse_arpayment", "reverse_arpayment", "getAPISession", "reverse_arpayment"], harness.Functions);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_FreshSessionAlsoRejected_ThrowsUnavailable()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("2401", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults(StandInFault.SessionExpired("reverse_arpayment"), StandInFault.SessionExpired("reverse_arpayment"));

        var error = await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("2401"), CancellationToken.None));

        Assert.Contains("XL03000006", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.StandIn.SessionsIssued);
        Assert.Equal(0, harness.Payment("2401").ReversalCount);
    }
}
