using System.Security.Cryptography;
using Refunds.Api.Auth;
using Refunds.Http.Auth;

namespace Refunds.ChaosTests;

/// <summary>A signing key made for this run; the app trusts its public half through <c>Auth__SigningKeys__0</c>.</summary>
internal sealed class ChaosKeys : IDisposable
{
    public const string Issuer = "https://issuer.chaos.test";
    public const string Audience = "refunds-api-chaos";

    private readonly RSA _key = RSA.Create(2048);

    public string PublicPem => _key.ExportSubjectPublicKeyInfoPem();

    public string Admin(string org) => Mint(org, Roles.Admin);

    public string Sync() => Mint(null, Roles.Sync);

    public void Dispose() => _key.Dispose();

    private string Mint(string? org, string role) =>
        DevTokens.Mint(_key.ExportPkcs8PrivateKeyPem(), Issuer, Audience, "chaos-test", org, [role], TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(2));
}
