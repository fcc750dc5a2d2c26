using Refunds.Domain.Payments;

namespace Refunds.Domain.Tests.Payments;

public class PaymentCheckRefundableTests
{
    [Fact]
    public void CheckRefundable_SucceededOnlinePayment_Null()
    {
        Assert.Null(Samples.Payment().CheckRefundable());
    }

    [Fact]
    public void CheckRefundable_Refunded_PaymentAlreadyRefunded()
    {
        var payment = Samples.Payment() with { Status = PaymentStatus.Refunded };

        Assert.Equal("payment_already_refunded", payment.CheckRefundable()?.Code);
    }

    [Fact]
    public void CheckRefundable_ActiveRefund_RefundInProgress()
    {
        var payment = Samples.Payment() with { ActiveRefundId = "rf_other" };

        Assert.Equal("refund_in_progress", payment.CheckRefundable()?.Code);
    }

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Failed)]
    public void CheckRefundable_NotSucceeded_PaymentNotSucceeded(PaymentStatus status)
    {
        var payment = Samples.Payment() with { Status = status };

        var error = payment.CheckRefundable();

        Assert.Equal("payment_not_succeeded", error?.Code);
        Assert.Contains(status.ToString(), error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRefundable_SourceOther_PaymentNotOnline()
    {
        var payment = Samples.Payment() with { Source = PaymentSource.Other };

        Assert.Equal("payment_not_online", payment.CheckRefundable()?.Code);
    }

    [Fact]
    public void CheckRefundable_RefundedWithActiveRefund_AlreadyRefundedWins()
    {
        var payment = Samples.Payment() with { Status = PaymentStatus.Refunded, ActiveRefundId = "rf_other", Source = PaymentSource.Other };

        Assert.Equal("payment_already_refunded", payment.CheckRefundable()?.Code);
    }

    [Fact]
    public void CheckRefundable_PendingWithActiveRefund_InProgressWins()
    {
        var payment = Samples.Payment() with { Status = PaymentStatus.Pending, ActiveRefundId = "rf_other", Source = PaymentSource.Other };

        Assert.Equal("refund_in_progress", payment.CheckRefundable()?.Code);
    }

    [Fact]
    public void CheckRefundable_FailedAndNotOnline_NotSucceededWins()
    {
        var payment = Samples.Payment() with { Status = PaymentStatus.Failed, Source = PaymentSource.Other };

        Assert.Equal("payment_not_succeeded", payment.CheckRefundable()?.Code);
    }
}
