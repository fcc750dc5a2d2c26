using Refunds.Application.Ports;
using Refunds.Application.Reconciliation;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Reconciliation;

/// <summary>
/// Ending a run against the real reconciliation tables: findings an earlier run left open leave the open list exactly
/// once, whether this attempt resolves them or an earlier attempt of the same activity did and then died.
/// </summary>
public sealed class ReconciliationCompleterTests(AzuriteFixture azurite) : ActivityTestBase(azurite)
{
    private const string Account = "acct_1";

    private static readonly ReconciliationRun Run = new()
    {
        RunId = "rc_today",
        From = T0.AddDays(-1),
        To = T0,
        ConnectedAccountId = Account,
        RequestedBy = "ops@example.com",
        Status = ReconciliationStatus.Running,
        CreatedAt = T0,
        StartedAt = T0,
    };

    [Fact]
    public async Task CompleteAsync_OpenFindingNotFoundAgainInTheWindow_ResolvesAndForgetsIt()
    {
        var store = await SeedAsync(Earlier("re_gone", T0.AddHours(-3)));

        var status = await Service<ReconciliationCompleter>().CompleteAsync(Completion(), Ct);

        Assert.Equal("Completed", status);
        Assert.Empty(await OpenAsync(store));
        var finding = Assert.Single(await store.GetAllFindingsAsync(Run.RunId, Ct).ToListAsync(Ct));
        Assert.Equal(FindingStatus.Resolved, finding.Status);
        Assert.Equal(Resolutions.NoLongerHolds, finding.Resolution);
        Assert.Equal(1, (await store.GetRunAsync(Run.RunId, Ct))!.Totals!.Resolved);
    }

    [Fact]
    public async Task CompleteAsync_AnEarlierAttemptResolvedTheFindingButDiedBeforeForgettingIt_ForgetsItWithoutCountingItTwice()
    {
        var earlier = Earlier("re_gone", T0.AddHours(-3));
        var store = await SeedAsync(earlier);
        await store.SaveFindingsAsync(Run.RunId, [earlier.Resolve(Resolutions.NoLongerHolds, T0)], Ct);

        var status = await Service<ReconciliationCompleter>().CompleteAsync(Completion(), Ct);

        Assert.Equal("Completed", status);
        Assert.Empty(await OpenAsync(store));
        Assert.Single(await store.GetAllFindingsAsync(Run.RunId, Ct).ToListAsync(Ct));
        Assert.Equal(1, (await store.GetRunAsync(Run.RunId, Ct))!.Totals!.Resolved);
    }

    [Fact]
    public async Task CompleteAsync_OpenFindingOutsideTheWindow_StaysOpen()
    {
        var store = await SeedAsync(Earlier("re_last_week", T0.AddDays(-7)));

        await Service<ReconciliationCompleter>().CompleteAsync(Completion(), Ct);

        Assert.Equal(["re_last_week"], (await OpenAsync(store)).Select(f => f.StripeRefundId));
        Assert.Empty(await store.GetAllFindingsAsync(Run.RunId, Ct).ToListAsync(Ct));
    }

    /// <summary>A finding an earlier run saved and marked open on the account.</summary>
    private static Finding Earlier(string stripeRefundId, DateTimeOffset stripeCreatedAt) => new()
    {
        FindingId = Finding.IdFor(FindingCode.StripeRefundUnrecorded, Account, stripeRefundId, null),
        Code = FindingCode.StripeRefundUnrecorded,
        ConnectedAccountId = Account,
        StripeRefundId = stripeRefundId,
        StripeAmount = new Money(10_000, "USD"),
        StripeStatus = "succeeded",
        StripeCreatedAt = stripeCreatedAt,
        Difference = "Stripe refunded 100.00 USD that no refund here records.",
        SuggestedAction = "Record it.",
    };

    private static ReconciliationCompletion Completion() =>
        new(Run.RunId, [new AccountReconciliation(Account, 0, 1, 0, 0, new Dictionary<string, int>())], Error: null);

    private async Task<IReconciliationStore> SeedAsync(Finding earlier)
    {
        var store = Service<IReconciliationStore>();
        Assert.True(await store.TryCreateRunAsync(Run, Ct));
        await store.SaveFindingsAsync("rc_yesterday", [earlier], Ct);
        await store.MarkOpenAsync(Account, [earlier], Ct);
        return store;
    }

    private async Task<List<Finding>> OpenAsync(IReconciliationStore store) => await store.GetOpenAsync(Account, Ct).ToListAsync(Ct);
}
