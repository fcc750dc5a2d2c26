using Refunds.Domain.Common;

namespace Refunds.Domain.Tests.Common;

public class IdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("pay_123")]
    [InlineData("ORG-42")]
    [InlineData("rf_0123456789abcdef0123456789abcdef")]
    [InlineData("Z9_-")]
    public void IsValid_SafeAlphabet_True(string id)
    {
        Assert.True(Ids.IsValid(id));
    }

    [Fact]
    public void IsValid_SixtyFourChars_True()
    {
        Assert.True(Ids.IsValid(new string('a', Ids.MaxLength)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("o'brien")]
    [InlineData("say\"hi\"")]
    [InlineData("two words")]
    [InlineData(" leading")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("x' or '1' eq '1")]
    [InlineData("pay_1' or PartitionKey ne '")]
    [InlineData("a.b")]
    [InlineData("a%2Fb")]
    [InlineData("café")]
    [InlineData("tab\there")]
    public void IsValid_UnsafeCharacters_False(string id)
    {
        Assert.False(Ids.IsValid(id));
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("\nabc")]
    public void IsValid_LineBreak_False(string id)
    {
        Assert.False(Ids.IsValid(id));
    }

    [Fact]
    public void IsValid_SixtyFiveChars_False()
    {
        Assert.False(Ids.IsValid(new string('a', Ids.MaxLength + 1)));
    }

    [Fact]
    public void IsValid_Null_False()
    {
        Assert.False(Ids.IsValid(null));
    }

    [Fact]
    public void NewRefundId_Guid_DeterministicAndValid()
    {
        var guid = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");

        var id = Ids.NewRefundId(guid);

        Assert.Equal("rf_0f8fad5bd9cb469fa16570867728950e", id);
        Assert.Equal(id, Ids.NewRefundId(guid));
        Assert.True(Ids.IsValid(id));
    }
}
