using System.Security.Cryptography;
using Refunds.Api.Auth;
using Refunds.Http.Auth;

namespace Refunds.Functions.Tests.Support;

/// <summary>A key pair made for this test run, and tokens signed with it (or deliberately with another key).</summary>
internal static class TestKeys
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "refunds-api-test";

    private static readonly RSA Key = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);

    public static string PublicPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    public static string Admin(string org) => Token(org, [Roles.Admin]);

    public static string Sync() => Token(null, [Roles.Sync], subject: "platform-sync");

    public static string Token(string? org, string[] roles, string subject = "admin@merchant.test", bool signWithOtherKey = false) =>
        DevTokens.Mint(
            (signWithOtherKey ? OtherKey : Key).ExportPkcs8PrivateKeyPem(),
            Issuer,
            Audience,
            subject,
            org,
            roles,
            TimeProvider.System.GetUtcNow(),
            TimeSpan.FromMinutes(10));
}
