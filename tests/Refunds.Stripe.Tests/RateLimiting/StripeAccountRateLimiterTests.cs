using Microsoft.Extensions.Time.Testing;

namespace Refunds.Stripe.Tests.RateLimiting;

public sealed class StripeAccountRateLimiterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WaitAsync_IdleAccount_GoesAtOnce()
    {
        var limiter = new StripeAccountRateLimiter(4, time);

        Assert.True(limiter.WaitAsync("acct_a", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void WaitAsync_RequestsBeyondTheRate_AreSpacedByOneInterval()
    {
        var limiter = new StripeAccountRateLimiter(4, time);

        var first = limiter.WaitAsync("acct_a", CancellationToken.None);
        var second = limiter.WaitAsync("acct_a", CancellationToken.None);
        var third = limiter.WaitAsync("acct_a", CancellationToken.None);

        Assert.True(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompleted);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(third.IsCompleted);
    }

    [Fact]
    public void WaitAsync_OtherAccount_IsNotHeldBack()
    {
        var limiter = new StripeAccountRateLimiter(4, time);
        _ = limiter.WaitAsync("acct_a", CancellationToken.None);
        var secondOfA = limiter.WaitAsync("acct_a", CancellationToken.None);

        var firstOfB = limiter.WaitAsync("acct_b", CancellationToken.None);

        Assert.False(secondOfA.IsCompleted);
        Assert.True(firstOfB.IsCompleted);
    }

    [Fact]
    public void WaitAsync_AfterIdleTime_DoesNotSaveUpABurst()
    {
        var limiter = new StripeAccountRateLimiter(4, time);
        _ = limiter.WaitAsync("acct_a", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));

        var first = limiter.WaitAsync("acct_a", CancellationToken.None);
        var second = limiter.WaitAsync("acct_a", CancellationToken.None);

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public void WaitAsync_RateZero_NeverWaits()
    {
        var limiter = new StripeAccountRateLimiter(0, time);

        var waits = Enumerable.Range(0, 100).Select(_ => limiter.WaitAsync("acct_a", CancellationToken.None)).ToList();

        Assert.All(waits, w => Assert.True(w.IsCompleted));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsWithoutWaitingForItsSlot()
    {
        var limiter = new StripeAccountRateLimiter(1, time);
        _ = limiter.WaitAsync("acct_a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.WaitAsync("acct_a", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData("sk_test_abc", null, 25)]
    [InlineData("rk_test_abc", null, 25)]
    [InlineData("sk_live_abc", null, 100)]
    [InlineData("sk_test_abc", 10, 10)]
    [InlineData("sk_live_abc", 0, 0)]
    public void EffectiveMaxRequestsPerSecond_KeyAndSetting_FollowsStripeLimitsUnlessSet(string apiKey, int? setting, int expected)
    {
        var options = new StripeOptions { ApiKey = apiKey, MaxRequestsPerSecond = setting };

        Assert.Equal(expected, options.EffectiveMaxRequestsPerSecond);
    }
}
