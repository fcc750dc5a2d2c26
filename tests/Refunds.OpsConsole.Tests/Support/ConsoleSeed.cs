using System.Net.Http.Json;
using System.Text.Json;
using Refunds.IntegrationTests.Support;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>Refunds in the states the console shows, made through the public API and the stand-ins.</summary>
public static class ConsoleSeed
{
    /// <summary>Each test's payments use a connected account of their own, so no test's balance moves another's refunds.</summary>
    public static string NewAccount() => Seed.NewId("acct_");

    public static async Task<string> StartRefundAsync(TestApp app, SeededPayment paid)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(paid);
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundId").GetString()!;
    }

    /// <summary>A 150.00 USD refund that Stripe refused for the account's balance of <paramref name="available"/>: Waiting for funds.</summary>
    public static async Task<(SeededPayment Paid, string RefundId)> WaitingForFundsAsync(TestApp app, string org, string account, long available)
    {
        ArgumentNullException.ThrowIfNull(app);
        var paid = await Seed.PaidOnlinePaymentAsync(app, org, account: account);
        app.Stripe.SetBalance(account, "usd", availableMinor: available);
        var refundId = await StartRefundAsync(app, paid);
        await app.WaitForStatusAsync(
            org,
            refundId,
            s => s.GetProperty("runtimeStatus").GetString() == "Waiting" && s.TryGetProperty("funds", out _),
            "waiting for funds");
        return (paid, refundId);
    }

    /// <summary>Tops the account up through the Stripe stand-in's control API, as an operator's script would.</summary>
    public static async Task TopUpAsync(TestApp app, string account, long amountMinor)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var http = new HttpClient { BaseAddress = app.Stripe.BaseUri };
        using var response = await http.PostAsJsonAsync("/_standin/balances/topup", new { account, currency = "usd", available = amountMinor, pending = 0 });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An Intacct AR payment key no other test uses (the stand-in's payments are shared by the app's tests).</summary>
    public static string NewArPaymentKey() => Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Task WaitForIntacctAsync(TestApp app, string org, string refundId, string status) =>
        app.WaitForStatusAsync(org, refundId, s => s.GetProperty("intacct").GetProperty("status").GetString() == status, $"Intacct {status}");
}
