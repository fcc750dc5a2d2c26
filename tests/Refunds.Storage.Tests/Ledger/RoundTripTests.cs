using Refunds.Application.Ports;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class RoundTripTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    [Fact]
    public async Task GetPaymentAsync_AfterInsert_ReturnsEveryField()
    {
        var payment = LedgerSamples.Payment();
        await CommitOrFail(new LedgerWrite.PutPayment(payment, null));

        var read = await Store.GetPaymentAsync("org_1", "pay_1", Ct);

        Assert.NotNull(read);
        Assert.False(string.IsNullOrEmpty(read.ETag));
        Assert.Equal(payment.Allocations, read.Value.Allocations);
        Assert.Equal(WithoutLists(payment), WithoutLists(read.Value));
    }

    [Fact]
    public async Task GetPaymentAsync_OptionalFieldsAbsent_ReturnsThemAbsent()
    {
        var payment = LedgerSamples.Payment() with { Allocations = [], IntacctArPaymentKey = null, ActiveRefundId = null, Status = PaymentStatus.Refunded, Source = PaymentSource.Other };
        await CommitOrFail(new LedgerWrite.PutPayment(payment, null));

        var read = await Store.GetPaymentAsync("org_1", "pay_1", Ct);

        Assert.NotNull(read);
        Assert.Empty(read.Value.Allocations);
        Assert.Equal(WithoutLists(payment), WithoutLists(read.Value));
    }

    [Fact]
    public async Task GetInvoiceAsync_AfterInsert_ReturnsEveryField()
    {
        var invoice = LedgerSamples.Invoice();
        await CommitOrFail(new LedgerWrite.PutInvoice(invoice, null));

        var read = await Store.GetInvoiceAsync("org_1", "inv_1", Ct);

        Assert.NotNull(read);
        Assert.Equal(invoice, read.Value);
    }

    [Fact]
    public async Task GetWorkflowAsync_AfterInsert_ReturnsEveryField()
    {
        var workflow = LedgerSamples.Workflow();
        await CommitOrFail(new LedgerWrite.PutWorkflow(workflow, null));

        var read = await Store.GetWorkflowAsync("org_1", "rf_1", Ct);

        Assert.NotNull(read);
        Assert.Equal(workflow.ReopenedInvoices, read.Value.ReopenedInvoices);
        Assert.Equal(workflow.Warnings, read.Value.Warnings);
        Assert.Equal(WithoutLists(workflow), WithoutLists(read.Value));
    }

    [Fact]
    public async Task GetWorkflowAsync_OptionalFieldsAbsent_ReturnsThemAbsent()
    {
        var workflow = LedgerSamples.MinimalWorkflow();
        await CommitOrFail(new LedgerWrite.PutWorkflow(workflow, null));

        var read = await Store.GetWorkflowAsync("org_1", "rf_min", Ct);

        Assert.NotNull(read);
        Assert.Empty(read.Value.ReopenedInvoices);
        Assert.Empty(read.Value.Warnings);
        Assert.Null(read.Value.LastError);
        Assert.Equal(WithoutLists(workflow), WithoutLists(read.Value));
    }

    [Fact]
    public async Task GetWorkflowAsync_AfterReplaceClearingOptionals_ReturnsThemAbsent()
    {
        await CommitOrFail(new LedgerWrite.PutWorkflow(LedgerSamples.Workflow(refundId: "rf_min"), null));
        var first = await Store.GetWorkflowAsync("org_1", "rf_min", Ct);
        var cleared = LedgerSamples.MinimalWorkflow();

        await CommitOrFail(new LedgerWrite.PutWorkflow(cleared, first!.ETag));
        var read = await Store.GetWorkflowAsync("org_1", "rf_min", Ct);

        Assert.NotNull(read);
        Assert.NotEqual(first.ETag, read.ETag);
        Assert.Equal(WithoutLists(cleared), WithoutLists(read.Value));
    }

    [Fact]
    public async Task GetHistoryAsync_AfterAppend_ReturnsEveryField()
    {
        var entries = new[] { LedgerSamples.History(0), LedgerSamples.History(1) };
        await CommitOrFail(entries.Select(e => new LedgerWrite.AppendHistory("rf_1", e)).ToArray());

        var read = await Store.GetHistoryAsync("org_1", "rf_1", Ct);

        Assert.Equal(entries, read);
        Assert.Null(read[0].Detail);
        Assert.NotNull(read[1].Detail);
    }

    [Fact]
    public async Task Get_MissingRows_ReturnNull()
    {
        Assert.Null(await Store.GetPaymentAsync("org_1", "pay_none", Ct));
        Assert.Null(await Store.GetInvoiceAsync("org_1", "inv_none", Ct));
        Assert.Null(await Store.GetWorkflowAsync("org_1", "rf_none", Ct));
        Assert.Empty(await Store.GetHistoryAsync("org_1", "rf_none", Ct));
    }

    [Fact]
    public async Task Get_IdsWithUnderscoresAndHyphens_RoundTrip()
    {
        const string org = "Org_-_9-x";
        var payment = LedgerSamples.Payment(org, "pay-_-1");
        var invoice = LedgerSamples.Invoice(org, "-inv_");
        var workflow = LedgerSamples.Workflow(org, "_rf-1-");
        await CommitOrFail(
            org,
            new LedgerWrite.PutPayment(payment, null),
            new LedgerWrite.PutInvoice(invoice, null),
            new LedgerWrite.PutWorkflow(workflow, null),
            new LedgerWrite.AppendHistory("_rf-1-", LedgerSamples.History(0)));

        Assert.Equal(payment.PaymentId, (await Store.GetPaymentAsync(org, "pay-_-1", Ct))?.Value.PaymentId);
        Assert.Equal(invoice, (await Store.GetInvoiceAsync(org, "-inv_", Ct))?.Value);
        Assert.Equal(workflow.RefundId, (await Store.GetWorkflowAsync(org, "_rf-1-", Ct))?.Value.RefundId);
        Assert.Single(await Store.GetHistoryAsync(org, "_rf-1-", Ct));
    }

    [Theory]
    [InlineData("pay'1")]
    [InlineData("pay|1")]
    [InlineData("pay/1")]
    [InlineData("")]
    public async Task GetPaymentAsync_IdOutsideSafeAlphabet_Throws(string paymentId) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetPaymentAsync("org_1", paymentId, Ct));

    /// <summary>Fails when a domain record gains a property, so nobody forgets to map it (and to extend the samples).</summary>
    [Theory]
    [InlineData(typeof(Payment), "OrganizationId,PaymentId,StripePaymentIntentId,ConnectedAccountId,Amount,Status,Source,PaidAt,Allocations,IntacctArPaymentKey,ActiveRefundId,Method")]
    [InlineData(typeof(Invoice), "OrganizationId,InvoiceId,Amount,PaidAmountMinor,Status,InDispute,InCollections")]
    [InlineData(typeof(HistoryEntry), "Sequence,Step,At,Outcome,Detail")]
    [InlineData(typeof(RefundWorkflow), "RefundId,OrganizationId,PaymentId,Kind,Amount,StripePaymentIntentId,ConnectedAccountId,Reason,Comment,RequestedBy,RuntimeStatus,Step,Sequence,CreatedAt,UpdatedAt,DueAt,StripeRefundId,StripeRefundStatus,PollAttempts,CustomStatus,LastError,IntacctStatus,IntacctArPaymentKey,ReopenedInvoices,CompletedAt,HistoryCount,CreateAttempt,IntacctDueAt,IntacctAttempts,IntacctRetries,IntacctError,FundsWait,Warnings,LinkedCreditMemoId")]
    [InlineData(typeof(Refunds.Domain.CreditMemos.CreditMemo), "OrganizationId,CreditMemoId,InvoiceId,Amount,RefundedAmountMinor,RefundedHereMinor,ReservedMinor")]
    public void DomainRecord_StoredProperties_AreTheMappedOnes(Type type, string mapped)
    {
        var settable = type.GetProperties()
            .Where(p => p.SetMethod is not null && p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(mapped.Split(',').Order(StringComparer.Ordinal), settable);
    }

    private static Payment WithoutLists(Payment payment) => payment with { Allocations = Array.Empty<InvoiceAllocation>() };

    private static RefundWorkflow WithoutLists(RefundWorkflow workflow) => workflow with { ReopenedInvoices = Array.Empty<ReopenedInvoice>(), Warnings = Array.Empty<string>() };

    private Task CommitOrFail(params LedgerWrite[] writes) => CommitOrFail("org_1", writes);

    private async Task CommitOrFail(string organizationId, params LedgerWrite[] writes) =>
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(organizationId, writes, Ct));
}
