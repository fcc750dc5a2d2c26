using System.Net;
using System.Text.Json;
using Refunds.IntacctStandIn;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>
/// <c>POST /api/ops/reconciliations/{runId}/findings/{findingId}/record</c>: a refund made in the Stripe Dashboard is
/// recorded by the rules of ours (payment or credit memo, Intacct for exported payments), once, whoever calls and how often.
/// </summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class RecordFindingTests(AzuriteFixture azurite, RecordFindingTests.App shared) : IClassFixture<RecordFindingTests.App>
{
    [Fact]
    public async Task Record_DashboardRefundOfExportedPayment_RefundedInvoicesReopenedIntacctReversedThenResolvedByTheNextRun()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var window = Reconcile.AroundNow();
        var paid = await Reconcile.PaymentAsync(app, Seed.NewOrg(), account, intacctKey: "7701");
        var outside = app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        var (run, findings) = await Reconcile.RunAsync(app, window, account);
        var finding = Assert.Single(findings);

        using var response = await RecordAsync(app, run.Text("id")!, finding.Text("id")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = await ProblemAssert.JsonAsync(response);
        var refundId = recorded.Text("refundId")!;
        Assert.Equal($"rx_{outside.Id}", refundId);
        Assert.Equal("Completed", recorded.Text("status"));
        Assert.False(recorded.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(("resolved", "recorded", refundId), (recorded.GetProperty("finding").Text("status"), recorded.GetProperty("finding").Text("resolution"), recorded.GetProperty("finding").Text("recordedRefundId")));
        await Poll.UntilAsync(
            async () => (await app.GetRefundAsync(paid.Org, refundId, TestKeys.Ops())).GetProperty("intacct").Text("status") == "Succeeded",
            TimeSpan.FromSeconds(20),
            "the Intacct reversal");
        var status = await app.GetRefundAsync(paid.Org, refundId, TestKeys.Ops());
        Assert.Equal("Completed", status.Text("runtimeStatus"));
        Assert.Equal("payment", status.GetProperty("linkedTo").Text("type"));
        Assert.Equal("Unpaid", Assert.Single(status.GetProperty("invoices").EnumerateArray()).Text("status"));
        var history = status.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal("RefundedOutside", history[0].Text("outcome"));
        Assert.Contains($"found by reconciliation {run.Text("id")}", history[0].Text("detail"), StringComparison.Ordinal);
        Assert.Equal(StandInArPaymentState.Reversed, app.Intacct.GetArPayment("7701")?.State);
        using var refundAgain = await app.SendAsync(HttpMethod.Post, $"/api/organizations/{paid.Org}/payments/{paid.PaymentId}/refunds", TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(refundAgain, HttpStatusCode.Conflict, "payment_already_refunded");

        var (nextRun, next) = await Reconcile.RunAsync(app, window, account);
        var resolved = Assert.Single(next);
        Assert.Equal((finding.Text("id"), "resolved", "no_longer_holds"), (resolved.Text("id"), resolved.Text("status"), resolved.Text("resolution")));
        Assert.Equal((0, 1), (nextRun.GetProperty("counts").GetProperty("open").GetInt32(), nextRun.GetProperty("counts").GetProperty("resolved").GetInt32()));
    }

    [Fact]
    public async Task Record_OrganizationRecordingOnCreditMemos_MemoSettledAndInvoiceStaysPaid()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        await CreditMemoSeed.SettingsAsync(app, org, "credit_memo");
        var paid = await Reconcile.PaymentAsync(app, org, account);
        var memo = await CreditMemoSeed.MemoAsync(app, org, paid.InvoiceId, amount: 20_000);
        app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account);

        using var response = await RecordAsync(app, run.Text("id")!, Assert.Single(findings).Text("id")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await app.GetRefundAsync(org, (await ProblemAssert.JsonAsync(response)).Text("refundId")!, TestKeys.Ops());
        var linked = status.GetProperty("linkedTo");
        Assert.Equal(("creditMemo", memo), (linked.Text("type"), linked.Text("id")));
        Assert.Equal(15_000, linked.GetProperty("refundedAmount").GetInt64());
        Assert.Equal("Paid", Assert.Single(status.GetProperty("invoices").EnumerateArray()).Text("status"));
        Assert.Equal("NotApplicable", status.GetProperty("intacct").Text("status"));
        Assert.Equal(["RefundedOutside", "RecordedOnCreditMemo"], Outcomes(status));
    }

    [Fact]
    public async Task Record_SixCallsFiveOfThemConcurrent_RecordedOnceEveryAnswerNamesTheSameRefund()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var paid = await Reconcile.PaymentAsync(app, Seed.NewOrg(), account);
        app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account);
        var findingId = Assert.Single(findings).Text("id")!;

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => AnswerAsync(app, run.Text("id")!, findingId)));
        var later = await AnswerAsync(app, run.Text("id")!, findingId);

        var answers = concurrent.Append(later).ToList();
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Body.Text("refundId")).Distinct());
        Assert.Single(answers, a => !a.Body.GetProperty("alreadyRecorded").GetBoolean());
        var status = await app.GetRefundAsync(paid.Org, later.Body.Text("refundId")!, TestKeys.Ops());
        Assert.Equal(["RefundedOutside", "InvoicesReopened"], Outcomes(status));
        Assert.Equal(0, Assert.Single(status.GetProperty("invoices").EnumerateArray()).GetProperty("paidAmount").GetInt64());
    }

    [Fact]
    public async Task Record_OurRefundWaitsForFundsWithNothingAtStripe_RefusedUntilItIsCanceledThenRecorded()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var paid = await Reconcile.PaymentAsync(app, Seed.NewOrg(), account);
        app.Stripe.SetBalance(account, "usd", availableMinor: 0);
        var waitingId = await Reconcile.StartRefundAsync(app, paid);
        await app.WaitForStatusAsync(paid.Org, waitingId, s => s.Text("runtimeStatus") == "Waiting", "waiting for funds");
        app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account);
        var finding = Assert.Single(findings);
        Assert.Equal(waitingId, finding.Text("refundId"));
        Assert.Contains($"/refunds/{waitingId}/cancel", finding.Text("suggestedAction"), StringComparison.Ordinal);

        using var refused = await RecordAsync(app, run.Text("id")!, finding.Text("id")!);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "refund_in_progress");
        using var cancel = await app.SendAsync(HttpMethod.Post, $"/api/organizations/{paid.Org}/refunds/{waitingId}/cancel", TestKeys.Ops());
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using var recorded = await RecordAsync(app, run.Text("id")!, finding.Text("id")!);

        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("Canceled", (await app.GetRefundAsync(paid.Org, waitingId, TestKeys.Ops())).Text("runtimeStatus"));
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task Record_OtherClassesRolesAndUnknownIds_RefusedAndNothingRecorded()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var paid = await Reconcile.PaymentAsync(app, Seed.NewOrg(), account);
        var ours = await Reconcile.RefundAsync(app, paid);
        app.Stripe.FailSucceededRefund(app.Stripe.RefundsFor(paid.PaymentIntentId).Single().Id);
        var outsidePaid = await Reconcile.PaymentAsync(app, paid.Org, account);
        app.Stripe.CreateDashboardRefund(account, outsidePaid.PaymentIntentId);
        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account);
        var runId = run.Text("id")!;
        var failed = findings.Single(f => f.Code() == "stripe_refund_failed_after_completed").Text("id")!;
        var unrecorded = findings.Single(f => f.Code() == "stripe_refund_unrecorded").Text("id")!;

        using var otherClass = await RecordAsync(app, runId, failed);
        var problem = await ProblemAssert.IsProblemAsync(otherClass, HttpStatusCode.Conflict, "finding_not_recordable");
        Assert.Equal("stripe_refund_failed_after_completed", problem.Text("findingCode"));
        using var admin = await RecordAsync(app, runId, unrecorded, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(admin, HttpStatusCode.Forbidden, "forbidden");
        using var sync = await RecordAsync(app, runId, unrecorded, TestKeys.Sync());
        await ProblemAssert.IsProblemAsync(sync, HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = await app.SendAsync(HttpMethod.Post, $"/api/ops/reconciliations/{runId}/findings/{unrecorded}/record", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var unknownFinding = await RecordAsync(app, runId, "fd_unknown");
        await ProblemAssert.IsProblemAsync(unknownFinding, HttpStatusCode.NotFound, "not_found");
        using var unknownRun = await RecordAsync(app, "rc_unknown", unrecorded);
        await ProblemAssert.IsProblemAsync(unknownRun, HttpStatusCode.NotFound, "not_found");
        using var badId = await RecordAsync(app, runId, "fd.bad");
        await ProblemAssert.IsProblemAsync(badId, HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal("Completed", (await app.GetRefundAsync(paid.Org, ours.Text("refundId")!, TestKeys.Ops())).Text("runtimeStatus"));
        using var outsideStatus = await app.SendAsync(HttpMethod.Get, $"/api/organizations/{paid.Org}/refunds/rx_{findings.Single(f => f.Text("id") == unrecorded).Text("stripeRefundId")}", TestKeys.Ops());
        Assert.Equal(HttpStatusCode.NotFound, outsideStatus.StatusCode);
        Assert.All(await Reconcile.FindingsAsync(app, runId), f => Assert.Equal("open", f.Text("status")));
    }

    private static async Task<HttpResponseMessage> RecordAsync(TestApp app, string runId, string findingId, string? token = null) =>
        await app.SendAsync(HttpMethod.Post, $"/api/ops/reconciliations/{runId}/findings/{findingId}/record", token ?? TestKeys.Ops());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(TestApp app, string runId, string findingId)
    {
        using var response = await RecordAsync(app, runId, findingId);
        return (response.StatusCode, await ProblemAssert.JsonAsync(response));
    }

    private static List<string?> Outcomes(JsonElement status) =>
        [.. status.GetProperty("history").EnumerateArray().Select(h => h.Text("outcome"))];

    public sealed class App : SharedApp
    {
        protected override IDictionary<string, string?> Overrides => new Dictionary<string, string?>();
    }
}
