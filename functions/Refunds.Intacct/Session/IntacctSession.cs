namespace Refunds.Intacct.Session;

/// <summary>An API session from getAPISession. The session id is a credential: it is left out of <see cref="ToString"/>.</summary>
internal sealed class IntacctSession(string sessionId, Uri endpoint, DateTimeOffset expiresAt)
{
    public string SessionId { get; } = sessionId;

    /// <summary>The endpoint getAPISession named; business requests go there.</summary>
    public Uri Endpoint { get; } = endpoint;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool IsUsableAt(DateTimeOffset now) => now < ExpiresAt;

    public IntacctSession WithExpiry(DateTimeOffset expiresAt) => new(SessionId, Endpoint, expiresAt);

    public bool IsSameSessionAs(IntacctSession? other) =>
        other is not null && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal);

    public override string ToString() => $"IntacctSession {{ Endpoint = {Endpoint}, ExpiresAt = {ExpiresAt:O} }}";
}
