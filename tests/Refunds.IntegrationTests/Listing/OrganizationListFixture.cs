using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Listing;

/// <summary>
/// One app for the organization list tests, seeded once by the first test that asks: in one organization four
/// completed refunds then one waiting for funds (created in that order), and one refund in another organization.
/// The tests only read, so they share it.
/// </summary>
public sealed class OrganizationListFixture : SharedAppFixture
{
    public string Org { get; private set; } = "";

    public string OtherOrg { get; private set; } = "";

    /// <summary>The organization's refunds, oldest first; the last one waits for funds.</summary>
    public IReadOnlyList<(SeededPayment Paid, string RefundId)> Refunds { get; private set; } = [];

    public string OtherRefundId { get; private set; } = "";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Workflow:BalanceCheckInterval"] = "01:00:00" };

    protected override async Task SeedAsync(TestApp app)
    {
        Org = Seed.NewOrg();
        OtherOrg = Seed.NewOrg();
        var refunds = new List<(SeededPayment, string)>();
        for (var i = 0; i < 4; i++)
        {
            var paid = await Seed.PaidOnlinePaymentAsync(app, Org);
            refunds.Add((paid, await StartRefundAsync(app, paid)));
        }

        var other = await Seed.PaidOnlinePaymentAsync(app, OtherOrg);
        OtherRefundId = await StartRefundAsync(app, other);
        foreach (var (paid, refundId) in refunds)
        {
            await app.WaitForTerminalAsync(paid.Org, refundId);
        }

        await app.WaitForTerminalAsync(OtherOrg, OtherRefundId);
        var poor = await Seed.PaidOnlinePaymentAsync(app, Org);
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 1_000);
        var waiting = await StartRefundAsync(app, poor);
        await app.WaitForStatusAsync(Org, waiting, s => s.GetProperty("runtimeStatus").GetString() == "Waiting" && s.TryGetProperty("funds", out _), "waiting for funds");
        refunds.Add((poor, waiting));
        Refunds = refunds;
    }

    public static async Task<string> StartRefundAsync(TestApp app, SeededPayment paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Starting a refund answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
