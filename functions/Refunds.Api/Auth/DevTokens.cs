using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Refunds.Http.Auth;

namespace Refunds.Api.Auth;

/// <summary>Mints tokens signed with the development key pair, for local runs and the README's curl examples.</summary>
public static class DevTokens
{
    public static string Mint(string privateKeyPem, string issuer, string audience, string subject, string? organizationId, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var key = new RsaSecurityKey(rsa.ExportParameters(true));
        var claims = new List<Claim> { new("sub", subject) };
        if (organizationId is not null)
        {
            claims.Add(new Claim(Roles.OrganizationClaim, organizationId));
        }

        claims.AddRange(roles.Select(r => new Claim(Roles.RoleClaim, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
