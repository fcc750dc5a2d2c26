using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Refunds.Http.Auth;

public static class JwtSetup
{
    public static IServiceCollection AddRefundsAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(auth.Issuer) || string.IsNullOrWhiteSpace(auth.Audience))
        {
            throw new InvalidOperationException("Auth:Issuer and Auth:Audience must be configured.");
        }

        if (string.IsNullOrWhiteSpace(auth.MetadataAddress) && auth.SigningKeys.Count == 0)
        {
            throw new InvalidOperationException("Configure Auth:MetadataAddress (production) or Auth:SigningKeys (development).");
        }

        services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                if (!string.IsNullOrWhiteSpace(auth.MetadataAddress))
                {
                    options.MetadataAddress = auth.MetadataAddress;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = true,
                    ValidAudience = auth.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,

                    // Pinning the algorithm shuts out "alg: none" and HS256 signed with the public key.
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    IssuerSigningKeys = auth.SigningKeys.Select(ToKey).ToList(),
                    ClockSkew = auth.ClockSkew,
                    RoleClaimType = Roles.RoleClaim,
                    NameClaimType = "sub",
                };
            });
        services.AddAuthorization();
        return services;
    }

    private static RsaSecurityKey ToKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
