using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;

namespace Refunds.IntegrationTests.Listing;

/// <summary>
/// One app with a refund for each attention reason, each in an organization of its own (so a test can narrow the list
/// with <c>orgId</c>), made the way production makes them: the Stripe stand-in's balance control and scripts, the
/// Intacct stand-in's closed books, a late bank failure, and a suspended orchestration. Plus a settled refund that
/// needs nothing, and one waiting for funds on an account of its own that a test tops up.
/// </summary>
public sealed class AttentionFixture : SharedAppFixture
{
    public const string WaitingAccount = "acct_attention_waiting";
    public const string WarningAccount = "acct_attention_warning";
    public const string ToppedUpAccount = "acct_attention_topped";

    public Case Settled { get; private set; } = null!;

    public Case IntacctFailed { get; private set; } = null!;

    public Case Failed { get; private set; } = null!;

    public Case Stalled { get; private set; } = null!;

    public Case Warning { get; private set; } = null!;

    public Case Waiting { get; private set; } = null!;

    /// <summary>Waits for funds on <see cref="ToppedUpAccount"/> until a test tops it up.</summary>
    public Case ToppedUp { get; private set; } = null!;

    /// <summary>Every case that needs attention with the reasons it shows, oldest first.</summary>
    public IReadOnlyList<(Case Case, string[] Reasons)> Expected =>
    [
        (IntacctFailed, ["intacct_failed"]),
        (Failed, ["failed"]),
        (Stalled, ["stalled"]),
        (Warning, ["waiting_for_funds", "warnings"]),
        (Waiting, ["waiting_for_funds"]),
    ];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflow:BalanceCheckInterval"] = "01:00:00",

        // Refunds that poll Stripe each second must not look stalled on a loaded machine; the suspended one does after 5 s.
        ["Workflow:StallGrace"] = "00:00:05",
    };

    protected override async Task SeedAsync(TestApp app)
    {
        Settled = await StartAsync(app, await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg()));

        app.Intacct.CloseBooksThrough(DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)));
        IntacctFailed = await StartAsync(app, await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4801"));

        var failing = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.ScriptRefund(failing.PaymentIntentId, RefundScript.PendingThenFail("expired_or_canceled_card", afterRetrieves: 1));
        Failed = await StartAsync(app, failing);

        var stuck = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.ScriptRefund(stuck.PaymentIntentId, RefundScript.RequiresAction());
        Stalled = await StartAsync(app, stuck);

        var disputed = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), paymentMethod: "us_bank_account", account: WarningAccount);
        app.Stripe.ScriptRefund(disputed.PaymentIntentId, RefundScript.PendingInsufficientFunds());
        app.Stripe.SetBalance(WarningAccount, "usd", availableMinor: 0);
        Warning = await StartAsync(app, disputed);

        app.Stripe.SetBalance(WaitingAccount, "usd", availableMinor: 2_000);
        Waiting = await StartAsync(app, await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), account: WaitingAccount));

        app.Stripe.SetBalance(ToppedUpAccount, "usd", availableMinor: 0);
        ToppedUp = await StartAsync(app, await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), account: ToppedUpAccount));

        await app.WaitForTerminalAsync(Settled.Org, Settled.RefundId);
        await app.WaitForStatusAsync(IntacctFailed.Org, IntacctFailed.RefundId, s => s.GetProperty("intacct").GetProperty("status").GetString() == "Failed", "the Intacct reversal to fail");
        await app.WaitForTerminalAsync(Failed.Org, Failed.RefundId);
        await app.WaitForStatusAsync(Stalled.Org, Stalled.RefundId, s => s.GetProperty("stripe").GetProperty("status").GetString() == "requires_action", "Stripe to ask for the customer");

        // Suspended, its orchestration sleeps past its due time (and the reconciler's wake-ups wait for a resume).
        await app.DurableClient.SuspendInstanceAsync(Stalled.RefundId, "attention test");
        await app.WaitForStatusAsync(Warning.Org, Warning.RefundId, s => s.TryGetProperty("funds", out _), "Stripe to hold the refund for funds");
        app.Stripe.CreateDispute(Warning.PaymentIntentId, "insufficient_funds");
        await app.WaitForStatusAsync(Warning.Org, Warning.RefundId, s => s.GetProperty("warnings").GetArrayLength() > 0, "the late failure noted");
        foreach (var waiting in new[] { Waiting, ToppedUp })
        {
            await app.WaitForStatusAsync(waiting.Org, waiting.RefundId, s => s.GetProperty("runtimeStatus").GetString() == "Waiting" && s.TryGetProperty("funds", out _), "waiting for funds");
        }
    }

    private static async Task<Case> StartAsync(TestApp app, SeededPayment paid) =>
        new(paid.Org, await OrganizationListFixture.StartRefundAsync(app, paid), paid.PaymentIntentId);

    public sealed record Case(string Org, string RefundId, string PaymentIntentId);
}
