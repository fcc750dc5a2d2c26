using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.CreditMemos;

public class CreditMemoChoiceTests
{
    internal static CreditMemo Memo(string id, string invoiceId, long amount, long refunded = 0, string currency = "USD") => new()
    {
        OrganizationId = OrganizationId,
        CreditMemoId = id,
        InvoiceId = invoiceId,
        Amount = new Money(amount, currency),
        RefundedAmountMinor = refunded,
    };

    private static readonly global::Refunds.Domain.Payments.Payment NotExported = Payment() with { IntacctArPaymentKey = null };

    [Fact]
    public void For_SeveralCovering_TightestFitThenLowestId()
    {
        var memos = new[] { Memo("cm_b", "inv_1", 20_000), Memo("cm_c", "inv_2", 16_000), Memo("cm_a", "inv_2", 16_000) };

        Assert.Equal("cm_a", CreditMemoChoice.For(NotExported, memos)?.CreditMemoId);
    }

    [Fact]
    public void For_TooLittleLeft_NoneSoThePayment()
    {
        var memos = new[] { Memo("cm_1", "inv_1", 20_000, refunded: 5_001), Memo("cm_2", "inv_1", 20_000) with { ReservedMinor = 6_000 } };

        Assert.Null(CreditMemoChoice.For(NotExported, memos));
    }

    [Fact]
    public void For_OtherInvoiceOrCurrency_None()
    {
        var memos = new[] { Memo("cm_1", "inv_9", 20_000), Memo("cm_2", "inv_1", 20_000, currency: "EUR") };

        Assert.Null(CreditMemoChoice.For(NotExported, memos));
    }

    [Fact]
    public void For_PaymentExportedToIntacct_NoneEvenWhenOneCovers()
    {
        Assert.Null(CreditMemoChoice.For(Payment(), [Memo("cm_1", "inv_1", 20_000)]));
    }
}
