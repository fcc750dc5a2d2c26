using System.Net;
using Refunds.Http.Auth;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Security;

[Collection(AzuriteCollection.Name)]
public sealed class AuthTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;
    private SeededPayment _paid = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(azurite);
        _paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string?> UnauthenticatedTokens() => new()
    {
        { "no token", null },
        { "expired", TestKeys.Token("ORG", [Roles.Admin], lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1)) },
        { "wrong signature", TestKeys.Token("ORG", [Roles.Admin], signWithOtherKey: true) },
        { "wrong audience", TestKeys.Token("ORG", [Roles.Admin], audience: "someone-else") },
        { "wrong issuer", TestKeys.Token("ORG", [Roles.Admin], issuer: "https://evil.test") },
        { "alg none", UnsignedToken() },
        { "garbage", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(UnauthenticatedTokens))]
    public async Task StartRefund_InvalidToken_401ProblemAndNothingRefunded(string why, string? token)
    {
        _ = why;
        token = token?.Replace("ORG", _paid.Org, StringComparison.Ordinal);

        using var response = await _app.SendAsync(HttpMethod.Post, _paid.RefundsPath, token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_OpsRoleOnly_403()
    {
        using var response = await _app.SendAsync(HttpMethod.Post, _paid.RefundsPath, TestKeys.Token(_paid.Org, [Roles.Ops]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_AdminOfAnotherOrganization_403()
    {
        using var response = await _app.SendAsync(HttpMethod.Post, _paid.RefundsPath, TestKeys.Admin(Seed.NewOrg()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_AnotherOrganizationsPaymentUnderOwnOrganization_404()
    {
        var otherOrg = Seed.NewOrg();

        using var response = await _app.SendAsync(HttpMethod.Post, $"/api/organizations/{otherOrg}/payments/{_paid.PaymentId}/refunds", TestKeys.Admin(otherOrg));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Empty(_app.Stripe.Requests);
    }

    [Theory]
    [InlineData("x'%20or%20'1'%20eq%20'1")]
    [InlineData("a%20eq%20b")]
    [InlineData("%27")]
    public async Task StartRefund_IdWithODataMetacharacters_400(string paymentId)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, $"/api/organizations/{_paid.Org}/payments/{paymentId}/refunds", TestKeys.Admin(_paid.Org));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task GetRefund_AdminOfAnotherOrganization_403_OpsAllowed()
    {
        using var started = await _app.SendAsync(HttpMethod.Post, _paid.RefundsPath, TestKeys.Admin(_paid.Org));
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        var path = $"/api/organizations/{_paid.Org}/refunds/{refundId}";

        using var other = await _app.SendAsync(HttpMethod.Get, path, TestKeys.Admin(Seed.NewOrg()));
        using var ops = await _app.SendAsync(HttpMethod.Get, path, TestKeys.Ops());
        using var unknown = await _app.SendAsync(HttpMethod.Get, $"/api/organizations/{_paid.Org}/refunds/rf_unknown", TestKeys.Admin(_paid.Org));

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, ops.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutPayment_WithoutSyncRole_403()
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{_paid.Org}/payments/pay_x", TestKeys.Admin(_paid.Org), new { amount = 1 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private static string UnsignedToken()
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"iss\":\"{TestKeys.Issuer}\",\"aud\":\"{TestKeys.Audience}\",\"sub\":\"x\",\"org_id\":\"ORG\",\"roles\":[\"Admin\"],\"exp\":{exp}}}")}.";
    }
}
