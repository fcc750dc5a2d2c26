using Refunds.Domain.Common;

namespace Refunds.Domain.Tests.Common;

public class CurrenciesTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("usd")]
    [InlineData("Eur")]
    [InlineData("JPY")]
    [InlineData("XOF")]
    [InlineData("SLE")]
    public void IsActive_ActiveIsoCodeInAnyCase_True(string code)
    {
        Assert.True(Currencies.IsActive(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZZZ")]
    [InlineData("ABC")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    [InlineData("XAU")]
    [InlineData("HRK")]
    [InlineData("USDD")]
    [InlineData(" USD")]
    public void IsActive_UnknownWithdrawnOrNotMoney_False(string? code)
    {
        Assert.False(Currencies.IsActive(code));
    }
}
