using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class CredentialTests
{
    [Fact]
    public async Task Logs_AcrossSuccessRetriesRenewalsFailuresAndTimeouts_NeverContainCredentials()
    {
        await using var harness = await IntacctHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AttemptTimeout"] = "00:00:01.500",
            ["MaxRetryAttempts"] = "2",
            ["MaxResendsAfterUnknownOutcome"] = "0",
        });
        foreach (var key in new[] { "6001", "6002", "6003", "6004" })
        {
            harness.StandIn.AddArPayment(key, IntacctHarness.PaymentDate, 1_000);
        }

        var messages = new List<string>();
        harness.StandIn.InjectFaults(StandInFault.HttpStatus(503, "reverse_arpayment"));
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("6001"), CancellationToken.None);
        harness.StandIn.InvalidateSessions();
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("6002"), CancellationToken.None);
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("9999"), CancellationToken.None);
        harness.StandIn.InjectFaults(StandInFault.Delay(TimeSpan.FromSeconds(20), executeFirst: false, "reverse_arpayment"));
        messages.Add((await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("6003"), CancellationToken.None))).ToString());
        harness.StandIn.InjectFaults([.. Enumerable.Range(0, 3).Select(_ => StandInFault.HttpStatus(503, "reverse_arpayment"))]);
        messages.Add((await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("6004"), CancellationToken.None))).ToString());

        Assert.Equal(2, harness.StandIn.SessionsIssued);
        Assert.Contains(harness.Logs.Entries, e => e.Contains("refund-6001-reverse", StringComparison.Ordinal));
        AssertFreeOfSecrets(harness, [.. harness.Logs.Entries, .. messages]);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_LoginRefused_ThrowsWithoutCredentials()
    {
        const string WrongPassword = "wrong-user-secret-5d1e";
        await using var harness = await IntacctHarness.StartAsync(settings: new Dictionary<string, string?> { ["UserPassword"] = WrongPassword });
        harness.StandIn.AddArPayment("6101", IntacctHarness.PaymentDate, 1_000);

        var error = await Assert.ThrowsAsync<IntacctUnavailableException>(
            () => harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("6101"), CancellationToken.None));

        Assert.Contains("XL03000006", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.StandIn.SessionsIssued);
        Assert.Contains(harness.StandIn.Requests, r => r.Body.Contains(WrongPassword, StringComparison.Ordinal));
        var texts = harness.Logs.Entries.Append(error.ToString()).ToList();
        Assert.DoesNotContain(texts, t => t.Contains(WrongPassword, StringComparison.Ordinal));
        AssertFreeOfSecrets(harness, texts);
    }

    [Fact]
    public void IntacctOptions_ToString_LeavesOutSecrets()
    {
        var options = new IntacctOptions { SenderId = "sender", SenderPassword = "sp-4471", UserId = "user", CompanyId = "acme", UserPassword = "up-9023" };

        var text = options.ToString();

        Assert.Contains("acme", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sp-4471", text, StringComparison.Ordinal);
        Assert.DoesNotContain("up-9023", text, StringComparison.Ordinal);
    }

    private static void AssertFreeOfSecrets(IntacctHarness harness, IReadOnlyList<string> texts)
    {
        Assert.NotEmpty(texts);
        Assert.Equal(2 + harness.StandIn.SessionsIssued, harness.Secrets.Count);
        foreach (var secret in harness.Secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
