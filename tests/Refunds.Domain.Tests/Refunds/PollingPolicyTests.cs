using Refunds.Domain.Refunds;

namespace Refunds.Domain.Tests.Refunds;

public class PollingPolicyTests
{
    [Fact]
    public void DelayFor_ZeroAttempts_First()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), PollingPolicy.Default.DelayFor(0));
    }

    [Fact]
    public void DelayFor_MoreAttempts_Doubles()
    {
        var policy = PollingPolicy.Default;

        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayFor(1));
        Assert.Equal(TimeSpan.FromSeconds(64), policy.DelayFor(5));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void DelayFor_ManyAttempts_CappedAtMax(int attempt)
    {
        Assert.Equal(TimeSpan.FromHours(1), PollingPolicy.Default.DelayFor(attempt));
    }

    [Fact]
    public void DelayFor_AnyAttempt_NeverShrinks()
    {
        var policy = new PollingPolicy(TimeSpan.FromMilliseconds(300), TimeSpan.FromDays(6));
        var previous = TimeSpan.Zero;

        for (var attempt = 0; attempt <= 64; attempt++)
        {
            var delay = policy.DelayFor(attempt);
            Assert.True(delay >= previous, $"attempt {attempt}: {delay} < {previous}");
            Assert.True(delay <= policy.Max);
            previous = delay;
        }

        Assert.Equal(policy.Max, previous);
    }
}
