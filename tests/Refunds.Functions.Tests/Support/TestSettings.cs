using Refunds.TestSupport;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// What both hosts need to be built: test keys, Azurite storage, and Stripe and Intacct pointed at a closed port
/// (nothing here reaches them). The same settings for the Functions worker and the local host, so they can be compared.
/// </summary>
internal static class TestSettings
{
    public const string WebhookSecret = "whsec_functions_tests";

    /// <summary>Discard port: a call that did reach Stripe or Intacct would fail at once.</summary>
    private const string Nowhere = "http://127.0.0.1:9/";

    public static Dictionary<string, string?> For(string storageConnectionString, string tableName) => new()
    {
        ["Auth:Issuer"] = TestKeys.Issuer,
        ["Auth:Audience"] = TestKeys.Audience,
        ["Auth:SigningKeys:0"] = TestKeys.PublicPem,
        ["Storage:ConnectionString"] = storageConnectionString,
        ["Storage:TableName"] = tableName,
        ["Stripe:ApiKey"] = "sk_test_functions",
        ["Stripe:ApiBase"] = Nowhere,
        ["Stripe:WebhookSecrets:0"] = WebhookSecret,
        ["Intacct:Endpoint"] = Nowhere,
        ["Intacct:SenderId"] = "sender",
        ["Intacct:SenderPassword"] = "sender-password",
        ["Intacct:UserId"] = "user",
        ["Intacct:CompanyId"] = "company",
        ["Intacct:UserPassword"] = "user-password",
        // The Reconciler test needs a freshly started record to count as overdue at once.
        ["Workflow:StallGrace"] = "00:00:00.010",
        ["Durable:TaskHubName"] = AzuriteFixture.NewName("localhub"),
        ["Durable:PartitionCount"] = "1",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Telemetry:Exporter"] = "none",
    };
}
