using Refunds.Domain.Common;

namespace Refunds.Domain.Tests.Common;

public class ChargeAmountTests
{
    [Theory]
    [InlineData(1L, true)]
    [InlineData(99_999_999L, true)]
    [InlineData(100_000_000L, false)]
    [InlineData(0L, false)]
    [InlineData(-1L, false)]
    [InlineData(long.MaxValue, false)]
    [InlineData(long.MinValue, false)]
    public void IsValid_Amount_OnlyPositiveUpToStripesMaximum(long minorUnits, bool expected)
    {
        Assert.Equal(expected, ChargeAmount.IsValid(minorUnits));
    }
}
