using Refunds.Domain.Common;

namespace Refunds.Domain.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("US1")]
    [InlineData("U$D")]
    [InlineData(" US")]
    [InlineData("ÜSD")]
    public void Constructor_NonIsoCode_Throws(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Money(100, code));
        Assert.Equal("currency", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullCode_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Money(100, null!));
    }

    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("Eur", "EUR")]
    [InlineData("JPY", "JPY")]
    public void Constructor_AnyCase_NormalisesToUpper(string code, string expected)
    {
        Assert.Equal(expected, new Money(1, code).Currency);
    }

    [Theory]
    [InlineData(0L, "USD")]
    [InlineData(1999L, "USD")]
    [InlineData(5000L, "JPY")]
    [InlineData(long.MaxValue, "EUR")]
    public void Constructor_MinorUnits_KeptExactly(long minor, string code)
    {
        Assert.Equal(minor, new Money(minor, code).MinorUnits);
    }

    [Fact]
    public void Equality_DifferentCaseSameAmount_Equal()
    {
        Assert.Equal(new Money(1999, "usd"), new Money(1999, "USD"));
        Assert.NotEqual(new Money(1999, "USD"), new Money(1999, "EUR"));
        Assert.NotEqual(new Money(1999, "USD"), new Money(2000, "USD"));
    }

    [Fact]
    public void ToString_Always_ShowsMinorUnitsAndCode()
    {
        Assert.Equal("1999 USD", new Money(1999, "usd").ToString());
    }
}
