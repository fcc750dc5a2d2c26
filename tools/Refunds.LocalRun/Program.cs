using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Net.Http.Json;
using Refunds.Api;
using Refunds.Api.Auth;
using Refunds.Http.Auth;
using Refunds.IntacctStandIn;
using Refunds.StripeStandIn;
using Refunds.TestSupport;
using StandIn = Refunds.StripeStandIn.StripeStandIn;

// The README's local run: Azurite, Stripe and Intacct stand-ins (unless Stripe__ApiKey / Intacct__SenderId are set), the app on
// http://127.0.0.1:7071 with the development settings, a seeded demo organization, and curl commands.
// With --stand-ins-only: only the two stand-ins, on the fixed ports local.settings.sample.json names, for an app started otherwise.
const string AppUrl = "http://127.0.0.1:7071";
const string Org = "org_demo";
const string Account = "acct_demo_merchant";
const int StandInPort = 12111;
const int IntacctStandInPort = 12112;
const string LocalWebhookSecret = "whsec_local_standin_only";

if (args is ["--stand-ins-only"])
{
    return await RunStandInsOnlyAsync();
}

if (args.Length > 0)
{
    await Console.Error.WriteLineAsync($"Unknown arguments: {string.Join(' ', args)}. Usage: ./run-local.sh [--stand-ins-only]");
    return 2;
}

var root = RepositoryRoot.Find();
await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
Console.WriteLine($"Azurite (in memory) on table port {azurite.TablePort}, queue port {azurite.QueuePort}");

var realStripeKey = Environment.GetEnvironmentVariable("Stripe__ApiKey");
StandIn? stripe = null;
if (string.IsNullOrWhiteSpace(realStripeKey))
{
    // Any payment a user syncs can be refunded: an unknown payment intent is created at its first refund.
    stripe = await StandIn.StartAsync(new StripeStandInOptions { Port = StandInPort, AutoCreatePaymentIntents = true });
    Console.WriteLine($"Stripe stand-in on {stripe.BaseUri} (control API under /_standin)");
}

IntacctStandIn? intacct = null;
var intacctOptions = new IntacctStandInOptions();
if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Intacct__SenderId")))
{
    intacct = await IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
    intacct.AddArPayment("1001", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddDays(-3).UtcDateTime), 15_000);
    Console.WriteLine($"Intacct stand-in on {intacct.Endpoint} (AR payment 1001)");
}

var settings = new Dictionary<string, string?>
{
    ["Storage:ConnectionString"] = azurite.ConnectionString,
    ["Stripe:ApiKey"] = stripe?.ApiKey ?? realStripeKey,
    ["Stripe:ApiBase"] = stripe?.BaseUri.ToString(),

    // With the stand-in, its events come to the app signed with this local-only secret.
    ["Stripe:WebhookSecrets:0"] = stripe is null ? null : LocalWebhookSecret,

    // Durable's management API wants a key; a fresh one per run unless Durable__ManagementKey names one.
    ["Durable:ManagementKey"] = Environment.GetEnvironmentVariable("Durable__ManagementKey") ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
};
if (intacct is not null)
{
    settings["Intacct:Endpoint"] = intacct.Endpoint.ToString();
    settings["Intacct:SenderId"] = intacctOptions.SenderId;
    settings["Intacct:SenderPassword"] = intacctOptions.SenderPassword;
    settings["Intacct:UserId"] = intacctOptions.UserId;
    settings["Intacct:CompanyId"] = intacctOptions.CompanyId;
    settings["Intacct:UserPassword"] = intacctOptions.UserPassword;
}

var app = RefundsApp.Build(
    ["--environment", "Development", "--contentRoot", Path.Combine(root, "functions", "Refunds.Api")],
    builder =>
    {
        // Quiet unless asked: framework logs from Warning, the app's own from Information (a refund's steps show), and no
        // OpenTelemetry console exporter (Telemetry__Exporter=console turns it on). Environment variables still win.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Refunds"] = "Information",
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.WebHost.UseUrls(AppUrl);
    });
await app.StartAsync();
if (stripe is not null)
{
    await stripe.ConfigureWebhooksAsync(new Uri(new Uri(AppUrl), "/api/webhooks/stripe"), LocalWebhookSecret);
}

var config = app.Services.GetRequiredService<IConfiguration>();
string Mint(string? org, params string[] roles) => DevTokens.Mint(
    config["DevTokens:PrivateKeyPem"]!, config["Auth:Issuer"]!, config["Auth:Audience"]!, "local-user", org, roles, TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(8));

using var http = new HttpClient { BaseAddress = new Uri(AppUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint(null, Roles.Sync));
await PutAsync($"/api/organizations/{Org}/invoices/inv_1001", new { amount = 12_000, currency = "usd", paidAmount = 12_000, inDispute = false, inCollections = false });
await PutAsync($"/api/organizations/{Org}/invoices/inv_1002", new { amount = 3_000, currency = "usd", paidAmount = 3_000, inDispute = true, inCollections = false });
await PutAsync($"/api/organizations/{Org}/payments/pay_demo_1", new
{
    stripePaymentIntentId = "pi_demo_1",
    connectedAccountId = Account,
    amount = 15_000,
    currency = "usd",
    status = "succeeded",
    source = "online_portal",
    paidAt = TimeProvider.System.GetUtcNow().AddDays(-3),
    allocations = new[] { new { invoiceId = "inv_1001", amount = 12_000 }, new { invoiceId = "inv_1002", amount = 3_000 } },
    intacctArPaymentKey = "1001",
});
stripe?.AddPaymentIntent(Account, "pi_demo_1", 15_000, "usd");

var admin = Mint(Org, Roles.Admin);

// The last thing printed while idle: framework logs start at Warning, and the app logs only while it works.
Console.WriteLine($$"""

    Refunds is running on {{AppUrl}} with a demo organization '{{Org}}': invoices inv_1001 (12000 USD) and
    inv_1002 (3000 USD, in dispute), both paid by the succeeded online card payment pay_demo_1,
    exported to Intacct as AR payment 1001.

    An Admin token for {{Org}}, valid 8 hours (./mint-token.sh --org {{Org}} --roles Admin mints another):
      export TOKEN='{{admin}}'

    Refund it:
      curl -i -X POST {{AppUrl}}/api/organizations/{{Org}}/payments/pay_demo_1/refunds \
        -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
        -d '{"reason":"requested_by_customer","comment":"demo"}'

    Read its status (the refund id is in the Location header of the answer above):
      curl -s {{AppUrl}}/api/organizations/{{Org}}/refunds/<refundId> -H "Authorization: Bearer $TOKEN"

    API reference: {{AppUrl}}/api/reference (the OpenAPI document: {{AppUrl}}/api/openapi/v1.json)

    Durable's management API (list, read, terminate, purge instances; docs/OPERATIONS.md):
      curl -s "{{AppUrl}}/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending" -H "x-functions-key: {{settings["Durable:ManagementKey"]}}"

    Your own payments: PUT them with a Sync token (./mint-token.sh --roles Sync); the Stripe stand-in accepts any
    payment intent at its first refund (README, "Local run"). Console telemetry: Telemetry__Exporter=console ./run-local.sh
    Press Ctrl+C to stop.
    """);

await app.WaitForShutdownAsync();
if (stripe is not null)
{
    await stripe.DisposeAsync();
}

if (intacct is not null)
{
    await intacct.DisposeAsync();
}

return 0;

async Task PutAsync(string path, object body)
{
    using var response = await http.PutAsJsonAsync(path, body);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Seeding {path} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

// The stand-ins alone, for the app under Azure Functions Core Tools (local.settings.sample.json) or started by hand.
static async Task<int> RunStandInsOnlyAsync()
{
    var stop = new TaskCompletionSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

    await using var stripe = await StandIn.StartAsync(new StripeStandInOptions { Port = StandInPort, AutoCreatePaymentIntents = true });
    await stripe.ConfigureWebhooksAsync(new Uri(new Uri(AppUrl), "/api/webhooks/stripe"), LocalWebhookSecret);
    var intacctOptions = new IntacctStandInOptions { Port = IntacctStandInPort };
    await using var intacct = await IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
    intacct.AddArPayment("1001", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddDays(-3).UtcDateTime), 15_000);
    Console.WriteLine($"""
        Stand-ins only (no Azurite, no app). Settings for the app, as in local.settings.sample.json:
          Stripe__ApiKey={stripe.ApiKey}
          Stripe__ApiBase={stripe.BaseUri}
          Stripe__WebhookSecrets__0={LocalWebhookSecret}   (the stand-in posts its events to {AppUrl}/api/webhooks/stripe)
          Intacct__Endpoint={intacct.Endpoint}
          Intacct__SenderId={intacctOptions.SenderId}  Intacct__SenderPassword={intacctOptions.SenderPassword}
          Intacct__CompanyId={intacctOptions.CompanyId}  Intacct__UserId={intacctOptions.UserId}  Intacct__UserPassword={intacctOptions.UserPassword}
        The Stripe stand-in accepts any payment intent at its first refund; the Intacct stand-in knows AR payment 1001.
        Press Ctrl+C to stop.
        """);
    await stop.Task;
    return 0;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.TrySetResult();
    }
}
