namespace Refunds.Http.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>OpenID Connect metadata URL (production): signing keys are fetched and rotated from there.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>RSA public keys in PEM, used when there is no metadata URL (local development and tests).</summary>
    public IList<string> SigningKeys { get; init; } = [];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
