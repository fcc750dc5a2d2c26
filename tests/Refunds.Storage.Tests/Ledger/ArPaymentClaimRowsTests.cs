using Refunds.Application.Ports;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

/// <summary>Claims of Intacct AR payments: one row per AR payment in the organization's partition, insert-only, released by ETag.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArPaymentClaimRowsTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    [Fact]
    public async Task ClaimArPayment_WithThePayment_ReadsBackPerOrganization()
    {
        var payment = LedgerSamples.Payment() with { IntacctArPaymentKey = "1001" };

        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ClaimArPayment("1001", payment.PaymentId), new LedgerWrite.PutPayment(payment, null)));

        var claim = await Store.GetArPaymentClaimAsync("org_1", "1001", Ct);
        Assert.Equal(new ArPaymentClaim("1001", payment.PaymentId), claim!.Value);
        Assert.Null(await Store.GetArPaymentClaimAsync("org_2", "1001", Ct));
        Assert.Null(await Store.GetArPaymentClaimAsync("org_1", "1002", Ct));
    }

    [Fact]
    public async Task ClaimArPayment_AlreadyClaimed_ConflictAndNothingWritten()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ClaimArPayment("1001", "pay_1")));
        var other = LedgerSamples.Payment() with { PaymentId = "pay_2", IntacctArPaymentKey = "1001" };

        var outcome = await Commit(new LedgerWrite.ClaimArPayment("1001", "pay_2"), new LedgerWrite.PutPayment(other, null));

        Assert.Equal(CommitOutcome.Conflict, outcome);
        Assert.Equal("pay_1", (await Store.GetArPaymentClaimAsync("org_1", "1001", Ct))!.Value.PaymentId);
        Assert.Null(await Store.GetPaymentAsync("org_1", "pay_2", Ct));
    }

    [Fact]
    public async Task ReleaseArPayment_CurrentETag_DeletesTheClaim()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ClaimArPayment("1001", "pay_1")));
        var claim = (await Store.GetArPaymentClaimAsync("org_1", "1001", Ct))!;

        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ReleaseArPayment("1001", claim.ETag)));

        Assert.Null(await Store.GetArPaymentClaimAsync("org_1", "1001", Ct));
    }

    [Fact]
    public async Task ReleaseArPayment_StaleOrGone_ConflictAndNothingWritten()
    {
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ClaimArPayment("1001", "pay_1")));
        var stale = (await Store.GetArPaymentClaimAsync("org_1", "1001", Ct))!;
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ReleaseArPayment("1001", stale.ETag)));
        Assert.Equal(CommitOutcome.Committed, await Commit(new LedgerWrite.ClaimArPayment("1001", "pay_2")));

        var reclaimed = await Commit(new LedgerWrite.ReleaseArPayment("1001", stale.ETag), new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null));
        var gone = await Commit(new LedgerWrite.ReleaseArPayment("1002", stale.ETag));

        Assert.Equal(CommitOutcome.Conflict, reclaimed);
        Assert.Equal(CommitOutcome.Conflict, gone);
        Assert.Equal("pay_2", (await Store.GetArPaymentClaimAsync("org_1", "1001", Ct))!.Value.PaymentId);
        Assert.Null(await Store.GetInvoiceAsync("org_1", "inv_1", Ct));
    }

    private Task<CommitOutcome> Commit(params LedgerWrite[] writes) => Store.CommitAsync("org_1", writes, Ct);
}
