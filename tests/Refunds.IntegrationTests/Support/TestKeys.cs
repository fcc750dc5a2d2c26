using System.Security.Cryptography;
using Refunds.Api.Auth;
using Refunds.Http.Auth;

namespace Refunds.IntegrationTests.Support;

/// <summary>A key pair made for this test run, and tokens signed with it (or deliberately with something else).</summary>
public static class TestKeys
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "refunds-api-test";

    private static readonly RSA Key = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);

    public static string PublicPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    private static string PrivatePem { get; } = Key.ExportPkcs8PrivateKeyPem();

    private static string OtherPrivatePem { get; } = OtherKey.ExportPkcs8PrivateKeyPem();

    public static string Admin(string org) => Token(org, [Roles.Admin]);

    public static string Ops() => Token(null, [Roles.Ops]);

    public static string Sync() => Token(null, [Roles.Sync], subject: "platform-sync");

    public static string Token(
        string? org,
        string[] roles,
        string subject = "admin@merchant.test",
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        string issuer = Issuer,
        string audience = Audience,
        bool signWithOtherKey = false) =>
        DevTokens.Mint(
            signWithOtherKey ? OtherPrivatePem : PrivatePem,
            issuer,
            audience,
            subject,
            org,
            roles,
            issuedAt ?? TimeProvider.System.GetUtcNow(),
            lifetime ?? TimeSpan.FromMinutes(10));
}
