using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Security;

/// <summary>Hostile or broken requests: each gets a clear 4xx problem and changes nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string, HttpStatusCode, string> BadInvoiceBodies() => new()
    {
        { "oversized", "{\"amount\": 1, \"currency\": \"usd\", \"pad\": \"" + new string('x', 70_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "body_too_large" },
        { "array", "[1, 2, 3]", HttpStatusCode.BadRequest, "malformed_json" },
        { "truncated", "{\"amount\": 1", HttpStatusCode.BadRequest, "malformed_json" },
        { "deeply nested", new string('[', 200) + new string(']', 200), HttpStatusCode.BadRequest, "malformed_json" },
        { "wrong types", "{\"amount\": \"a lot\", \"currency\": \"usd\"}", HttpStatusCode.BadRequest, "malformed_json" },
        { "null", "null", HttpStatusCode.BadRequest, "body_required" },
    };

    [Theory]
    [MemberData(nameof(BadInvoiceBodies))]
    public async Task PutInvoice_BadJson_ProblemAndNothingStored(string why, string body, HttpStatusCode expected, string code)
    {
        _ = why;
        var path = $"/api/organizations/{Seed.NewOrg()}/invoices/inv_bad";
        using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, expected, code);
        await AssertInvoiceAbsentAsync(path);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task PutInvoice_NotJson_415AndNothingStored(string contentType)
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/invoices/inv_bad";
        using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
        request.Content = new StringContent("{\"amount\":1,\"currency\":\"usd\",\"paidAmount\":0}", Encoding.UTF8);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertInvoiceAbsentAsync(path);
    }

    [Fact]
    public async Task StartRefund_HS256TokenSignedWithThePublicKey_401()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestKeys.Issuer,
            Audience = TestKeys.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "attacker", ["org_id"] = paid.Org, ["roles"] = "Admin" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestKeys.PublicPem)), SecurityAlgorithms.HmacSha256),
        });

        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, forged);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_TokenFromAnotherKeyOfTheSameSize_401()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        using var stranger = RSA.Create(2048);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestKeys.Issuer,
            Audience = TestKeys.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "attacker", ["org_id"] = paid.Org, ["roles"] = "Admin" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(stranger), SecurityAlgorithms.RsaSha256),
        });

        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_VeryLongHeader_431ProblemAndNothingRefunded()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        using var request = _app.Request(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        request.Headers.Add("X-Padding", new string('a', 20_000));

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
        Assert.Empty(_app.Stripe.Requests);
        using var retry = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
    }

    [Theory]
    [InlineData("inv'%20or%20'1'%20eq%20'1")]
    [InlineData("inv%20eq%20inv")]
    [InlineData("inv%0A")]
    public async Task PutInvoice_IdWithODataMetacharacters_400(string invoiceId)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/{invoiceId}", TestKeys.Sync(), new { amount = 1, currency = "usd", paidAmount = 0 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>A first valid PUT creating the invoice proves the bad one stored nothing.</summary>
    private async Task AssertInvoiceAbsentAsync(string path)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { amount = 1_000, currency = "usd", paidAmount = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
