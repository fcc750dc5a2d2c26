using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class CommitTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    [Fact]
    public async Task CommitAsync_OneStaleETag_WritesNothing()
    {
        await Commit(new LedgerWrite.PutPayment(LedgerSamples.Payment(), null), new LedgerWrite.PutWorkflow(LedgerSamples.Workflow(), null));
        var payment = (await Store.GetPaymentAsync("org_1", "pay_1", Ct))!;
        var stale = (await Store.GetWorkflowAsync("org_1", "rf_1", Ct))!;
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.PutWorkflow(stale.Value with { Sequence = 8 }, stale.ETag)));

        var outcome = await Commit(
            new LedgerWrite.PutPayment(payment.Value with { ActiveRefundId = null }, payment.ETag),
            new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null),
            new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(12)),
            new LedgerWrite.PutWorkflow(stale.Value with { Sequence = 9 }, stale.ETag));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        var paymentAfter = await Store.GetPaymentAsync("org_1", "pay_1", Ct);
        Assert.Equal(payment.ETag, paymentAfter!.ETag);
        Assert.Equal("rf_active", paymentAfter.Value.ActiveRefundId);
        Assert.Null(await Store.GetInvoiceAsync("org_1", "inv_1", Ct));
        Assert.Empty(await Store.GetHistoryAsync("org_1", "rf_1", Ct));
        Assert.Equal(8, (await Store.GetWorkflowAsync("org_1", "rf_1", Ct))!.Value.Sequence);
    }

    [Fact]
    public async Task CommitAsync_InsertOfExistingWorkflow_ReturnsConflict()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.PutWorkflow(LedgerSamples.Workflow(), null)));

        var outcome = await Commit(new LedgerWrite.PutWorkflow(LedgerSamples.Workflow() with { RequestedBy = "someone else" }, null));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        Assert.Equal("admin@example.com", (await Store.GetWorkflowAsync("org_1", "rf_1", Ct))!.Value.RequestedBy);
    }

    [Fact]
    public async Task CommitAsync_ExistingHistoryLine_ReturnsConflict()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(0))));

        var outcome = await Commit(new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(0) with { Outcome = "Other" }));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        Assert.Equal("Outcome0", Assert.Single(await Store.GetHistoryAsync("org_1", "rf_1", Ct)).Outcome);
    }

    [Fact]
    public async Task CommitAsync_ReplaceOfMissingRow_ReturnsConflict()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null)));
        var etag = (await Store.GetInvoiceAsync("org_1", "inv_1", Ct))!.ETag;

        var outcome = await Commit(new LedgerWrite.PutInvoice(LedgerSamples.Invoice(invoiceId: "inv_2"), etag));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        Assert.Null(await Store.GetInvoiceAsync("org_1", "inv_2", Ct));
    }

    [Fact]
    public async Task CommitAsync_ConcurrentCommitsOnSameETag_ExactlyOneCommits()
    {
        await Commit(new LedgerWrite.PutWorkflow(LedgerSamples.Workflow(), null));
        var read = (await Store.GetWorkflowAsync("org_1", "rf_1", Ct))!;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.CommitAsync(
            "org_1",
            [
                new LedgerWrite.PutWorkflow(read.Value with { CustomStatus = $"writer {i}", HistoryCount = 13 }, read.ETag),
                new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(12) with { Outcome = $"writer {i}" }),
            ],
            Ct))));

        Assert.Single(outcomes, o => o == CommitOutcome.Committed);
        var winner = (await Store.GetWorkflowAsync("org_1", "rf_1", Ct))!.Value.CustomStatus;
        Assert.Equal(winner, Assert.Single(await Store.GetHistoryAsync("org_1", "rf_1", Ct)).Outcome);
    }

    [Fact]
    public async Task CommitAsync_HundredWrites_Commits()
    {
        var writes = Enumerable.Range(0, 100).Select(i => new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(i))).ToArray();

        Assert.Equal(CommitOutcome.Committed, await Commit(writes));
        Assert.Equal(100, (await Store.GetHistoryAsync("org_1", "rf_1", Ct)).Count);
    }

    [Fact]
    public async Task CommitAsync_MoreThanHundredWrites_ThrowsAndWritesNothing()
    {
        var writes = Enumerable.Range(0, 101).Select(i => new LedgerWrite.AppendHistory("rf_1", LedgerSamples.History(i))).ToArray();

        await Assert.ThrowsAsync<ArgumentException>(() => Commit(writes));
        Assert.Empty(await Store.GetHistoryAsync("org_1", "rf_1", Ct));
    }

    [Fact]
    public async Task CommitAsync_WriteOfAnotherOrganization_ThrowsAndWritesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Commit(
            new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null),
            new LedgerWrite.PutPayment(LedgerSamples.Payment(organizationId: "org_2"), null)));

        Assert.Null(await Store.GetInvoiceAsync("org_1", "inv_1", Ct));
        Assert.Null(await Store.GetPaymentAsync("org_2", "pay_1", Ct));
    }

    [Fact]
    public async Task CommitAsync_SameRowTwice_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Commit(
            new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null),
            new LedgerWrite.PutInvoice(LedgerSamples.Invoice() with { PaidAmountMinor = 0 }, null)));

    [Fact]
    public async Task CommitAsync_NoWrites_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Commit());

    [Fact]
    public async Task CommitAsync_MissingTable_Throws()
    {
        await Table.DeleteAsync(Ct);

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => Commit(new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null)));
        await Table.CreateIfNotExistsAsync(Ct);
    }

    [Fact]
    public async Task GetHistoryAsync_LinesWrittenOutOfOrder_ReturnsSequenceOrderOfThatRefundOnly()
    {
        int[] sequences = [10, 2, 0, 11, 1, 100, 9];
        await Commit(sequences.Select(s => new LedgerWrite.AppendHistory("rf-1", LedgerSamples.History(s))).ToArray());
        await Commit(new LedgerWrite.AppendHistory("rf-1-b", LedgerSamples.History(3)), new LedgerWrite.AppendHistory("rf", LedgerSamples.History(4)));
        await Commit(new LedgerWrite.PutWorkflow(LedgerSamples.Workflow(refundId: "rf-1"), null));

        var history = await Store.GetHistoryAsync("org_1", "rf-1", Ct);

        Assert.Equal(sequences.Order(), history.Select(h => h.Sequence));
    }

    [Fact]
    public async Task FindStalledAsync_MixedWorkflows_ReturnsOnlyNonTerminalOnesDueBefore()
    {
        var now = LedgerSamples.T0;
        RefundWorkflow Make(string org, string id, RuntimeStatus status, TimeSpan dueIn) =>
            LedgerSamples.MinimalWorkflow(org, id) with { RuntimeStatus = status, DueAt = now + dueIn };
        await Commit(
            new LedgerWrite.PutWorkflow(Make("org_1", "rf_due_running", RuntimeStatus.Running, TimeSpan.FromMinutes(-5)), null),
            new LedgerWrite.PutWorkflow(Make("org_1", "rf_due_completed", RuntimeStatus.Completed, TimeSpan.FromMinutes(-5)), null),
            new LedgerWrite.PutWorkflow(Make("org_1", "rf_due_failed", RuntimeStatus.Failed, TimeSpan.FromMinutes(-5)), null),
            new LedgerWrite.PutWorkflow(Make("org_1", "rf_later", RuntimeStatus.Waiting, TimeSpan.FromMinutes(5)), null),
            new LedgerWrite.PutWorkflow(Make("org_1", "rf_exactly_now", RuntimeStatus.Pending, TimeSpan.Zero), null),
            new LedgerWrite.PutPayment(LedgerSamples.Payment() with { PaidAt = now.AddDays(-1) }, null),
            new LedgerWrite.AppendHistory("rf_due_running", LedgerSamples.History(0)));
        await Store.CommitAsync("org_2", [new LedgerWrite.PutWorkflow(Make("org_2", "rf_due_waiting", RuntimeStatus.Waiting, TimeSpan.FromHours(-1)), null)], Ct);
        await Store.CommitAsync("org_3", [new LedgerWrite.PutWorkflow(Make("org_3", "rf_due_canceled", RuntimeStatus.Canceled, TimeSpan.FromHours(-1)), null)], Ct);

        var stalled = new List<Versioned<RefundWorkflow>>();
        await foreach (var workflow in Store.FindStalledAsync(now, Ct))
        {
            stalled.Add(workflow);
        }

        Assert.Equal(["rf_due_running", "rf_due_waiting"], stalled.Select(s => s.Value.RefundId).Order(StringComparer.Ordinal));
        var fromGet = await Store.GetWorkflowAsync("org_2", "rf_due_waiting", Ct);
        Assert.Equal(fromGet!.ETag, stalled.Single(s => s.Value.OrganizationId == "org_2").ETag);
    }

    [Fact]
    public async Task FindStalledAsync_CompletedWithOverdueIntacctReversal_ReturnedOnlyWhilePendingAndDue()
    {
        var now = LedgerSamples.T0;
        RefundWorkflow Settled(string id, IntacctStatus intacct, TimeSpan dueIn) =>
            LedgerSamples.MinimalWorkflow("org_1", id) with
            {
                RuntimeStatus = RuntimeStatus.Completed,
                DueAt = now.AddHours(-1),
                IntacctStatus = intacct,
                IntacctArPaymentKey = "4711",
                IntacctDueAt = now + dueIn,
            };
        await Commit(
            new LedgerWrite.PutWorkflow(Settled("rf_intacct_overdue", IntacctStatus.Pending, TimeSpan.FromMinutes(-5)), null),
            new LedgerWrite.PutWorkflow(Settled("rf_intacct_later", IntacctStatus.Pending, TimeSpan.FromMinutes(5)), null),
            new LedgerWrite.PutWorkflow(Settled("rf_intacct_failed", IntacctStatus.Failed, TimeSpan.FromMinutes(-5)), null),
            new LedgerWrite.PutWorkflow(Settled("rf_intacct_done", IntacctStatus.Succeeded, TimeSpan.FromMinutes(-5)), null));

        var stalled = new List<string>();
        await foreach (var workflow in Store.FindStalledAsync(now, Ct))
        {
            stalled.Add(workflow.Value.RefundId);
        }

        Assert.Equal(["rf_intacct_overdue"], stalled);
    }

    private Task<CommitOutcome> Commit(params LedgerWrite[] writes) => Store.CommitAsync("org_1", writes, Ct);
}
