namespace Refunds.Http.Features.Listing;

public sealed class ListingOptions
{
    public const string Section = "Listing";

    /// <summary>The shortest key accepted: 32 characters (256 bits of a random key in hex or base64 need more).</summary>
    public const int MinKeyLength = 32;

    /// <summary>
    /// Secrets that sign continuation tokens (HMAC-SHA256): the first signs, any verifies, so a key is rotated by
    /// adding the new one first and dropping the old one once tokens signed with it no longer matter (they only page).
    /// None configured: a random key per process, so tokens then fail on another instance or after a restart.
    /// </summary>
    public IList<string> TokenKeys { get; init; } = [];
}
