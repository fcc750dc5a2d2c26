using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Organizations;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class CreditMemoRowsTests(AzuriteFixture azurite) : LedgerTestBase(azurite)
{
    private static CreditMemo Memo(string id, string invoiceId) => new()
    {
        OrganizationId = "org_1",
        CreditMemoId = id,
        InvoiceId = invoiceId,
        Amount = new Money(20_000, "USD"),
        RefundedAmountMinor = 1_000,
        RefundedHereMinor = 2_000,
        ReservedMinor = 3_000,
    };

    [Fact]
    public async Task FindCreditMemosAsync_SeveralInvoices_OnlyThoseCreditingTheInvoiceWithEveryField()
    {
        await CommitOrFail(
            new LedgerWrite.PutCreditMemo(Memo("cm_1", "inv_1"), null),
            new LedgerWrite.PutCreditMemo(Memo("cm_2", "inv_2"), null),
            new LedgerWrite.PutCreditMemo(Memo("cm_3", "inv_1"), null),
            new LedgerWrite.PutInvoice(LedgerSamples.Invoice(), null));

        var found = await Store.FindCreditMemosAsync("org_1", "inv_1", Ct);

        Assert.Equal(["cm_1", "cm_3"], found.Select(m => m.Value.CreditMemoId).Order(StringComparer.Ordinal));
        Assert.Equal(Memo("cm_1", "inv_1"), found.Single(m => m.Value.CreditMemoId == "cm_1").Value);
        Assert.Equal(Memo("cm_2", "inv_2"), (await Store.GetCreditMemoAsync("org_1", "cm_2", Ct))?.Value);
    }

    [Fact]
    public async Task GetSettingsAsync_NeverSetThenSet_NullThenEveryField()
    {
        var before = await Store.GetSettingsAsync("org_1", Ct);
        var settings = new OrganizationSettings("org_1", RefundRecording.CreditMemo, ExportsToIntacct: false);
        await CommitOrFail(new LedgerWrite.PutSettings(settings, null));

        Assert.Null(before);
        Assert.Equal(settings, (await Store.GetSettingsAsync("org_1", Ct))?.Value);
    }

    private async Task CommitOrFail(params LedgerWrite[] writes) =>
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync("org_1", writes, Ct));
}
