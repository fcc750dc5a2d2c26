using Refunds.Application.Reconciliation;
using Refunds.Application.Tests.Support;
using static Refunds.Application.Tests.Support.Stories;

namespace Refunds.Application.Tests.Reconciliation;

/// <summary>The run's story: plan, one activity per account at once, complete; a failure reported, never fatal.</summary>
public sealed class ReconciliationOrchestratorTests
{
    private const string Plan = nameof(PlanReconciliationActivity);
    private const string Account = nameof(ReconcileAccountActivity);
    private const string Complete = nameof(CompleteReconciliationActivity);

    private static readonly ReconciliationInput Input = new("rc_1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), ConnectedAccountId: null);

    private static readonly string[] TwoAccounts = ["acct_a", "acct_b"];

    private readonly ScriptedOrchestration _durable = new("rc_1");

    [Fact]
    public void RunAsync_TwoAccountsOneFailingThroughItsRetries_BothReachCompletionTheFailedOneWithItsError()
    {
        _durable
            .Answer(Plan, TwoAccounts)
            .Answer(Account, Result("acct_a"))
            .Fail(Account)
            .Answer(Complete, "Failed");

        var output = _durable.Run(new ReconciliationOrchestrator(), Input);

        Assert.Equal("Failed", output);
        string[] story = [Call(Plan), Call(Account), Call(Account), Call(Complete)];
        Assert.Equal(story, _durable.Trace);
        var completion = Assert.IsType<ReconciliationCompletion>(_durable.Calls[^1].Input);
        Assert.Null(completion.Error);
        Assert.Equal(["acct_a", "acct_b"], completion.Accounts.Select(a => a.ConnectedAccountId));
        Assert.Null(completion.Accounts[0].Error);
        Assert.Contains("failed (scripted)", completion.Accounts[1].Error, StringComparison.Ordinal);
        Assert.All(_durable.Calls, c => Assert.NotNull(c.Options?.Retry));
    }

    [Fact]
    public void RunAsync_PlanFailsThroughItsRetries_CompletesWithTheErrorAndNoAccount()
    {
        _durable.Fail(Plan).Answer(Complete, "Failed");

        var output = _durable.Run(new ReconciliationOrchestrator(), Input);

        Assert.Equal("Failed", output);
        var completion = Assert.IsType<ReconciliationCompletion>(_durable.Calls[^1].Input);
        Assert.Empty(completion.Accounts);
        Assert.StartsWith("Could not decide which accounts", completion.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAsync_NoAccountActive_CompletesAtOnce()
    {
        _durable.Answer(Plan, Array.Empty<string>()).Answer(Complete, "Completed");

        Assert.Equal("Completed", _durable.Run(new ReconciliationOrchestrator(), Input));
        string[] story = [Call(Plan), Call(Complete)];
        Assert.Equal(story, _durable.Trace);
    }

    private static AccountReconciliation Result(string account) => new(account, 3, 1, 2, 5, new Dictionary<string, int> { ["stripe_refund_unrecorded"] = 1 });
}
