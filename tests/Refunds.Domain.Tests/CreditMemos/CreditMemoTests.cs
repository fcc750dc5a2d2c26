using Refunds.Domain.CreditMemos;
using static Refunds.Domain.Tests.CreditMemos.CreditMemoChoiceTests;

namespace Refunds.Domain.Tests.CreditMemos;

public class CreditMemoTests
{
    [Fact]
    public void Settle_WholeAmountHeld_RefundedAndNothingLeft()
    {
        var memo = Memo("cm_1", "inv_1", 15_000, refunded: 5_000).Reserve(10_000);

        var settled = memo.Settle(10_000);

        Assert.Equal(0, settled.ReservedMinor);
        Assert.Equal(15_000, settled.TotalRefundedMinor);
        Assert.Equal(0, settled.RemainingMinor);
        Assert.Equal(CreditMemoStatus.Refunded, settled.Status);
    }

    [Fact]
    public void Release_HeldAmount_RemainingAgain()
    {
        var memo = Memo("cm_1", "inv_1", 15_000).Reserve(15_000);

        var released = memo.Release(15_000);

        Assert.Equal(0, memo.RemainingMinor);
        Assert.Equal(15_000, released.RemainingMinor);
        Assert.Equal(CreditMemoStatus.Open, released.Status);
    }

    [Fact]
    public void AcceptSync_WhileHeld_KeepsTheHoldAndTakesTheNewRefundedAmount()
    {
        var held = Memo("cm_1", "inv_1", 20_000).Reserve(15_000);

        var synced = held.AcceptSync(Memo("cm_1", "inv_1", 20_000, refunded: 5_000));

        Assert.Equal(15_000, synced.Value.ReservedMinor);
        Assert.Equal(5_000, synced.Value.RefundedAmountMinor);
    }

    [Theory]
    [InlineData("inv_2", 20_000, 0, "USD")]
    [InlineData("inv_1", 20_000, 0, "EUR")]
    [InlineData("inv_1", 20_000, 5_001, "USD")]
    [InlineData("inv_1", 14_999, 0, "USD")]
    public void AcceptSync_ContradictsTheHold_Locked(string invoiceId, long amount, long refunded, string currency)
    {
        var held = Memo("cm_1", "inv_1", 20_000).Reserve(15_000);

        var synced = held.AcceptSync(Memo("cm_1", invoiceId, amount, refunded, currency));

        Assert.Equal("credit_memo_locked", synced.Error?.Code);
    }

    [Fact]
    public void AcceptSync_NeverUsedHere_AnyChange()
    {
        var synced = Memo("cm_1", "inv_1", 20_000).AcceptSync(Memo("cm_1", "inv_2", 100, currency: "EUR"));

        Assert.True(synced.IsSuccess);
        Assert.Equal("inv_2", synced.Value.InvoiceId);
    }
}
