using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>Payments on connected accounts of a test's own, refunds through the API, and runs read through the Ops API.</summary>
internal static class Reconcile
{
    public static string NewAccount() => "acct_" + Guid.NewGuid().ToString("N")[..14];

    /// <summary>A window around now that holds everything a test does.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) AroundNow() =>
        (DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));

    /// <summary>
    /// A succeeded online card payment of <paramref name="amount"/> USD minor units on <paramref name="account"/>, paying
    /// one invoice, synced through the API; the payment intent exists at the stand-in with <paramref name="stripeAmount"/>
    /// (default: the same amount).
    /// </summary>
    public static async Task<PaidOn> PaymentAsync(
        TestApp app, string org, string account, long amount = 15_000, long? stripeAmount = null, string? intacctKey = null)
    {
        var invoice = Seed.NewId("inv_");
        var paymentId = Seed.NewId("pay_");
        var paymentIntent = Seed.NewId("pi_");
        await PutAsync(app, $"/api/organizations/{org}/invoices/{invoice}", new { amount, currency = "usd", paidAmount = amount, inDispute = false, inCollections = false });
        await PutAsync(app, $"/api/organizations/{org}/payments/{paymentId}", new
        {
            stripePaymentIntentId = paymentIntent,
            connectedAccountId = account,
            amount,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId = invoice, amount } },
            intacctArPaymentKey = intacctKey,
        });
        app.Stripe.AddPaymentIntent(account, paymentIntent, stripeAmount ?? amount, "usd");
        if (intacctKey is not null)
        {
            app.Intacct.AddArPayment(intacctKey, Seed.PaidOn, amount);
        }

        return new PaidOn(org, account, paymentId, paymentIntent, invoice);
    }

    /// <summary>Starts a refund of the payment through the API; returns its id.</summary>
    public static async Task<string> StartRefundAsync(TestApp app, PaidOn paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, $"/api/organizations/{paid.Org}/payments/{paid.PaymentId}/refunds", TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }

    /// <summary>Refunds the payment through the API and waits until the refund is Completed; returns its status.</summary>
    public static async Task<JsonElement> RefundAsync(TestApp app, PaidOn paid)
    {
        var status = await app.WaitForTerminalAsync(paid.Org, await StartRefundAsync(app, paid));
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        return status;
    }

    public static async Task<HttpResponseMessage> PostRunAsync(TestApp app, object body, string? token = null) =>
        await app.SendAsync(HttpMethod.Post, "/api/ops/reconciliations", token ?? TestKeys.Ops(), body);

    /// <summary>Starts a run of one account over the window; returns its id.</summary>
    public static async Task<string> StartRunAsync(TestApp app, (DateTimeOffset From, DateTimeOffset To) window, string? account)
    {
        using var response = await PostRunAsync(app, new { from = window.From, to = window.To, connectedAccountId = account });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await ProblemAssert.JsonAsync(response)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/ops/reconciliations/{runId}", response.Headers.Location?.OriginalString);
        return runId;
    }

    public static async Task<JsonElement> GetRunAsync(TestApp app, string runId, string query = "")
    {
        using var response = await app.SendAsync(HttpMethod.Get, $"/api/ops/reconciliations/{runId}{query}", TestKeys.Ops());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ProblemAssert.JsonAsync(response);
    }

    /// <summary>Polls the run until it has ended; returns it.</summary>
    public static async Task<JsonElement> WaitForRunAsync(TestApp app, string runId, TimeSpan? timeout = null)
    {
        JsonElement run = default;
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await app.SendAsync(HttpMethod.Get, $"/api/ops/reconciliations/{runId}", TestKeys.Ops());
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                run = await ProblemAssert.JsonAsync(response);
                return run.GetProperty("status").GetString() is "Completed" or "Failed";
            },
            timeout ?? TimeSpan.FromSeconds(30),
            $"reconciliation {runId} to end",
            TimeSpan.FromMilliseconds(100));
        return run;
    }

    /// <summary>Runs one account over the window to its end; returns the run and all its findings.</summary>
    public static async Task<(JsonElement Run, List<JsonElement> Findings)> RunAsync(TestApp app, (DateTimeOffset From, DateTimeOffset To) window, string? account)
    {
        var runId = await StartRunAsync(app, window, account);
        var run = await WaitForRunAsync(app, runId);
        return (run, await FindingsAsync(app, runId));
    }

    /// <summary>Every finding of the run, following its pages.</summary>
    public static async Task<List<JsonElement>> FindingsAsync(TestApp app, string runId, int pageSize = 1000)
    {
        var findings = new List<JsonElement>();
        var query = $"?pageSize={pageSize}";
        while (true)
        {
            var page = await GetRunAsync(app, runId, query);
            findings.AddRange(page.GetProperty("findings").EnumerateArray());
            if (!page.TryGetProperty("nextPage", out var next) || next.ValueKind != JsonValueKind.String)
            {
                return findings;
            }

            query = next.GetString()![next.GetString()!.IndexOf('?', StringComparison.Ordinal)..];
        }
    }

    public static string Code(this JsonElement finding) => finding.GetProperty("code").GetString()!;

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task PutAsync(TestApp app, string path, object body)
    {
        using var response = await app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

internal sealed record PaidOn(string Org, string Account, string PaymentId, string PaymentIntentId, string InvoiceId);
