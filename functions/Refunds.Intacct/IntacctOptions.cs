namespace Refunds.Intacct;

/// <summary>Settings of the Sage Intacct XML gateway adapter (configuration section "Intacct").</summary>
public sealed class IntacctOptions
{
    public const string SectionName = "Intacct";

    public Uri Endpoint { get; set; } = new("https://api.intacct.com/ia/xml/xmlgw.phtml");

    public string SenderId { get; set; } = "";

    public string SenderPassword { get; set; } = "";

    public string UserId { get; set; } = "";

    public string CompanyId { get; set; } = "";

    public string UserPassword { get; set; } = "";

    /// <summary>Intacct allows about two concurrent requests per company; more are answered with GW-0010.</summary>
    public int MaxConcurrentRequestsPerCompany { get; set; } = 2;

    /// <summary>Time allowed for one HTTP attempt, from sending the request to the last byte of the answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of 429 / GW-0010 / 502 / 503 / 504, after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a reversal whose outcome is unknown (timeout, 524) is sent again after a read showed it not reversed.</summary>
    public int MaxResendsAfterUnknownOutcome { get; set; } = 2;

    /// <summary>Used when the getAPISession answer does not say when the session times out.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session is renewed this long before it would time out, so a request never races the expiry.</summary>
    public TimeSpan SessionRenewalMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lists the settings without the secrets, so the options can be logged.</summary>
    public override string ToString() =>
        $"IntacctOptions {{ Endpoint = {Endpoint}, SenderId = {SenderId}, UserId = {UserId}, CompanyId = {CompanyId}, " +
        $"MaxConcurrentRequestsPerCompany = {MaxConcurrentRequestsPerCompany}, AttemptTimeout = {AttemptTimeout}, " +
        $"MaxRetryAttempts = {MaxRetryAttempts}, RetryBaseDelay = {RetryBaseDelay}, RetryMaxDelay = {RetryMaxDelay}, " +
        $"MaxResendsAfterUnknownOutcome = {MaxResendsAfterUnknownOutcome}, SessionLifetime = {SessionLifetime} }}";
}
