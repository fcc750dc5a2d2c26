using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.Storage.Ledger;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

/// <summary>The summary and attention rows the ledger keeps beside each refund record, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefundIndexTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    private static readonly AttentionFilter Everything = new(Enum.GetValues<AttentionReason>().ToHashSet(), null, null);

    private TableRefundIndex Index => new(Table, TimeProvider.System);

    [Fact]
    public async Task CommitAsync_RecordAndThenAConflictingWrite_SummaryFollowsOnlyTheCommittedRecord()
    {
        var running = Live("rf_a") with { RuntimeStatus = RuntimeStatus.Running };
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.PutWorkflow(running, null)));
        var stored = (await Store.GetWorkflowAsync("org_1", "rf_a", Ct))!;

        var lost = await Commit(new LedgerWrite.PutWorkflow(Completed(stored.Value), "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"", stored.Value));

        Assert.Equal(CommitOutcome.Conflict, lost);
        var summary = Assert.Single((await Index.ListAsync("org_1", new RefundListFilter(null, new HashSet<RuntimeStatus>(), null, null), null, 10, Ct)).Items);
        Assert.Equal((RuntimeStatus.Running, running.HistoryCount), (summary.RuntimeStatus, summary.Revision));
    }

    [Fact]
    public async Task CommitAsync_LiveThenCompleted_AttentionRowWrittenThenRemoved()
    {
        var live = Live("rf_b");
        await Commit(new LedgerWrite.PutWorkflow(live, null));
        var stored = (await Store.GetWorkflowAsync("org_1", "rf_b", Ct))!;
        var row = Assert.Single(AttentionRows());
        Assert.Equal((true, live.DueAt), (row.GetBoolean("NeedsOrchestration"), row.GetDateTimeOffset("DueAt")));

        await Commit(new LedgerWrite.PutWorkflow(Completed(stored.Value), stored.ETag, stored.Value));

        Assert.Empty(AttentionRows());
    }

    [Fact]
    public async Task CommitAsync_LostAfterWidening_RowSaysMoreButReadersSeeTheRecordAsItIs()
    {
        await Commit(new LedgerWrite.PutWorkflow(Live("rf_c"), null));
        var stored = (await Store.GetWorkflowAsync("org_1", "rf_c", Ct))!;
        var failed = stored.Value with { RuntimeStatus = RuntimeStatus.Failed, Step = RefundStep.Done, HistoryCount = stored.Value.HistoryCount + 1 };

        var outcome = await Commit(new LedgerWrite.PutWorkflow(failed, "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"", stored.Value));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        Assert.True(Assert.Single(AttentionRows()).GetBoolean("Failed"));
        var page = await Index.ReadAttentionAsync(Everything with { Reasons = new HashSet<AttentionReason> { AttentionReason.Failed } }, DateTimeOffset.UtcNow, null, 10, Ct);
        var summary = Assert.Single(page.Items);
        Assert.Equal(RuntimeStatus.Waiting, summary!.RuntimeStatus);
        Assert.DoesNotContain(AttentionReason.Failed, summary.Attention(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task NarrowAfterCommit_RowWidenedByALaterRevision_LeftForThatWriter()
    {
        await Commit(new LedgerWrite.PutWorkflow(Live("rf_d"), null));
        var stored = (await Store.GetWorkflowAsync("org_1", "rf_d", Ct))!;

        // A concurrent writer of a later revision widened the row and has not committed (yet, or ever).
        var later = stored.Value with { Warnings = ["later"], HistoryCount = stored.Value.HistoryCount + 5 };
        await new AttentionIndex(Table).WidenAsync(RefundSummary.Of(later), RefundSummary.Of(stored.Value), isInsert: false, Ct);
        await Commit(new LedgerWrite.PutWorkflow(Completed(stored.Value), stored.ETag, stored.Value));

        var row = Assert.Single(AttentionRows());
        Assert.True(row.GetBoolean("Warnings"));
        Assert.Equal(later.HistoryCount, row.GetInt32("Revision"));
    }

    [Fact]
    public async Task RepairAttention_RowOfAWriterThatGaveUp_NarrowedToTheRecord()
    {
        await Commit(new LedgerWrite.PutWorkflow(Live("rf_e"), null));
        var stored = (await Store.GetWorkflowAsync("org_1", "rf_e", Ct))!;
        var abandoned = stored.Value with { RuntimeStatus = RuntimeStatus.Failed, HistoryCount = stored.Value.HistoryCount + 1 };
        await new AttentionIndex(Table).WidenAsync(RefundSummary.Of(abandoned), RefundSummary.Of(stored.Value), isInsert: false, Ct);

        Assert.Equal(0, await Index.RepairAttentionAsync(TimeSpan.FromHours(1), Ct));
        Assert.True(Assert.Single(AttentionRows()).GetBoolean("Failed"));
        Assert.Equal(1, await Index.RepairAttentionAsync(TimeSpan.Zero, Ct));

        var row = Assert.Single(AttentionRows());
        Assert.Equal((false, true), (row.GetBoolean("Failed"), row.GetBoolean("NeedsOrchestration")));
    }

    [Fact]
    public async Task Backfill_RecordsStoredBeforeTheIndex_SummaryAndAttentionRowsThenDone()
    {
        // As the code before the indexes wrote them: the record row alone.
        await Table.AddEntityAsync(WorkflowRows.ToRow(Live("rf_f")), cancellationToken: Ct);
        await Table.AddEntityAsync(WorkflowRows.ToRow(Completed(Live("rf_g"))), cancellationToken: Ct);
        Assert.Empty((await Index.ListAsync("org_1", new RefundListFilter(null, new HashSet<RuntimeStatus>(), null, null), null, 10, Ct)).Items);

        Assert.False(await Index.BackfillAsync(1, Ct));
        Assert.True(await Index.BackfillAsync(10, Ct));
        Assert.True(await Index.BackfillAsync(10, Ct));

        var listed = await Index.ListAsync("org_1", new RefundListFilter(null, new HashSet<RuntimeStatus>(), null, null), null, 10, Ct);
        Assert.Equal(["rf_f", "rf_g"], listed.Items.Select(s => s.RefundId).Order());
        Assert.Equal("rf_f", AttentionRows().Single().GetString("RefundId"));
    }

    [Fact]
    public async Task ListAsync_CreatedBoundsAndCursor_NewestFirstInclusiveFromExclusiveTo()
    {
        for (var i = 0; i < 5; i++)
        {
            await Commit(new LedgerWrite.PutWorkflow(Completed(Live($"rf_t{i}")) with { CreatedAt = LedgerSamples.T0.AddMinutes(i) }, null));
        }

        var from = LedgerSamples.T0.AddMinutes(1);
        var to = LedgerSamples.T0.AddMinutes(4);
        var first = await Index.ListAsync("org_1", new RefundListFilter(null, new HashSet<RuntimeStatus>(), from, to), null, 2, Ct);
        var second = await Index.ListAsync("org_1", new RefundListFilter(null, new HashSet<RuntimeStatus>(), from, to), first.Next, 2, Ct);

        Assert.Equal(["rf_t3", "rf_t2"], first.Items.Select(s => s.RefundId));
        Assert.Equal(["rf_t1"], second.Items.Select(s => s.RefundId));
        Assert.Null(second.Next);
        Assert.Equal(2, first.EntitiesRead);
    }

    /// <summary>Waiting for funds at Stripe, due in two minutes: live, so it has an attention row.</summary>
    private static RefundWorkflow Live(string refundId) => LedgerSamples.Workflow(refundId: refundId) with
    {
        IntacctStatus = IntacctStatus.NotApplicable,
        Warnings = [],
        FundsWait = null,
        LinkedCreditMemoId = null,
        IntacctError = null,
    };

    private static RefundWorkflow Completed(RefundWorkflow workflow) => workflow with
    {
        RuntimeStatus = RuntimeStatus.Completed,
        Step = RefundStep.Done,
        HistoryCount = workflow.HistoryCount + 1,
    };

    private List<TableEntity> AttentionRows() =>
        [.. Table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"attention|refunds"}"), cancellationToken: Ct)];

    private Task<CommitOutcome> Commit(params LedgerWrite[] writes) => Store.CommitAsync("org_1", writes, Ct);
}
