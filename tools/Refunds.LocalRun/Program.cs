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
// http://127.0.0.1:7071 with the development settings, a seeded demo organization, and curl commands. It says what it is
// starting as it goes: the first start after a build takes a few seconds more than the next ones.
// With --stand-ins-only: only the two stand-ins, on the fixed ports local.settings.sample.json names, for an app started otherwise.
const string Org = "org_demo";
const string Account = "acct_demo_merchant";
const string LocalWebhookSecret = "whsec_local_standin_only";

if (LocalRunArguments.Parse(args) is not { } run)
{
    await Console.Error.WriteLineAsync($"Unknown arguments: {string.Join(' ', args)}. {LocalRunArguments.Usage}");
    return 2;
}

var realStripeKey = Environment.GetEnvironmentVariable("Stripe__ApiKey");
var standInIntacct = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Intacct__SenderId"));
var ports = new List<(int, string, string)>();
if (!run.StandInsOnly)
{
    ports.Add((run.AppPort, "the app", "--app-port"));
}

if (run.StandInsOnly || string.IsNullOrWhiteSpace(realStripeKey))
{
    ports.Add((run.StripePort, "the Stripe stand-in", "--stripe-port"));
}

if (run.StandInsOnly || standInIntacct)
{
    ports.Add((run.IntacctPort, "the Intacct stand-in", "--intacct-port"));
}

var taken = PortCheck.Taken([.. ports]);
if (taken.Count > 0)
{
    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, taken));
    return 1;
}

if (run.StandInsOnly)
{
    return await RunStandInsOnlyAsync(run);
}

var appUrl = run.AppUrl;
var started = System.Diagnostics.Stopwatch.StartNew();
var root = RepositoryRoot.Find();
Progress("Starting Azurite (in memory)");
// Azurite in its own process group: Ctrl+C reaches the app, which stops its Durable engine against a live Azurite;
// Azurite is stopped last, when this scope ends.
await using var azurite = new AzuriteFixture { OwnProcessGroup = true };
await azurite.InitializeAsync();
Done($"table port {azurite.TablePort}, queue port {azurite.QueuePort}");

StandIn? stripe = null;
var ledgerPaymentIntents = new LedgerPaymentIntents();
if (string.IsNullOrWhiteSpace(realStripeKey))
{
    // A payment intent the stand-in was not told about is what the app's ledger says it is (a synced payment's amount,
    // currency and method); one the ledger does not know either is invented at its first refund.
    Progress($"Starting the Stripe stand-in on 127.0.0.1:{run.StripePort}");
    stripe = await StandIn.StartAsync(new StripeStandInOptions
    {
        Port = run.StripePort,
        AutoCreatePaymentIntents = true,
        ResolvePaymentIntent = ledgerPaymentIntents.ResolveAsync,
    });
    Done($"{stripe.BaseUri}, control API {stripe.BaseUri}_standin/");
}

IntacctStandIn? intacct = null;
var intacctOptions = new IntacctStandInOptions { Port = run.IntacctPort };
if (standInIntacct)
{
    Progress($"Starting the Intacct stand-in on 127.0.0.1:{run.IntacctPort}");
    intacct = await IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
    intacct.AddArPayment("1001", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddDays(-3).UtcDateTime), 15_000);
    Done($"{intacct.Endpoint}, control API {intacct.BaseUri}_standin/, AR payment 1001");
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

Progress($"Starting the app on {appUrl} (the local host, orchestrations on the Durable Task engine over Azurite)");
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
        builder.WebHost.UseUrls(appUrl);
    });
ledgerPaymentIntents.Attach(app.Services);
await app.StartAsync();
if (stripe is not null)
{
    await stripe.ConfigureWebhooksAsync(new Uri(new Uri(appUrl), "/api/webhooks/stripe"), LocalWebhookSecret);
}

Done("ready");

var config = app.Services.GetRequiredService<IConfiguration>();
string Mint(string? org, params string[] roles) => DevTokens.Mint(
    config["DevTokens:PrivateKeyPem"]!, config["Auth:Issuer"]!, config["Auth:Audience"]!, "local-user", org, roles, TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(8));

Progress($"Seeding the demo organization '{Org}'");
using var http = new HttpClient { BaseAddress = new Uri(appUrl) };
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

// pi_demo_1 is not registered at the Stripe stand-in: like any synced payment's, the stand-in reads it from the ledger.
Done("pay_demo_1 paid inv_1001 and inv_1002");

var admin = Mint(Org, Roles.Admin);
var controls = stripe is null || intacct is null
    ? ""
    : $"""

    Stand-in controls (README, "Stand-in controls"): Stripe {stripe.BaseUri}_standin/..., Intacct {intacct.BaseUri}_standin/...
    """;

// The last thing printed while idle: framework logs start at Warning, and the app logs only while it works.
Console.WriteLine($$"""

    Refunds is running on {{appUrl}} (started in {{started.Elapsed.TotalSeconds:0.0}} s) with a demo organization '{{Org}}':
    invoices inv_1001 (120.00 USD) and inv_1002 (30.00 USD, in dispute), both paid by the succeeded online card payment
    pay_demo_1, exported to Intacct as AR payment 1001.

    An Admin token for {{Org}}, valid 8 hours (./mint-token.sh --org {{Org}} --roles Admin mints another):
      export TOKEN='{{admin}}'

    Refund it:
      curl -i -X POST {{appUrl}}/api/organizations/{{Org}}/payments/pay_demo_1/refunds \
        -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
        -d '{"reason":"requested_by_customer","comment":"demo"}'

    Read its status (the refund id is in the Location header of the answer above):
      curl -s {{appUrl}}/api/organizations/{{Org}}/refunds/<refundId> -H "Authorization: Bearer $TOKEN"

    API reference: {{appUrl}}/api/reference (the OpenAPI document: {{appUrl}}/api/openapi/v1.json)

    Durable's management API (list, read, terminate, purge instances; docs/OPERATIONS.md):
      curl -s "{{appUrl}}/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending" -H "x-functions-key: {{settings["Durable:ManagementKey"]}}"

    Ops console: {{appUrl}}/ops/ ("Sign in with a development token": role Ops, or Admin of {{Org}}).

    Your own payments: PUT them with a Sync token (./mint-token.sh --roles Sync); the Stripe stand-in refunds a synced
    payment for its own amount and currency. Every refund path, step by step: README, "Refund paths to try".{{controls}}
    Console telemetry: Telemetry__Exporter=console ./run-local.sh
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

// A line when a step starts and one when it is done (seconds since the start), so a slow step shows which one it is. Two
// lines, not one: the app's own log lines may come in between.
void Progress(string what) => Console.WriteLine($"{what}...");

void Done(string detail) => Console.WriteLine($"  done at {started.Elapsed.TotalSeconds:0.0} s: {detail}");

async Task PutAsync(string path, object body)
{
    using var response = await http.PutAsJsonAsync(path, body);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Seeding {path} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

// The stand-ins alone, for the app under Azure Functions Core Tools (local.settings.sample.json) or started by hand.
static async Task<int> RunStandInsOnlyAsync(LocalRunArguments run)
{
    var stop = new TaskCompletionSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

    var appUrl = run.AppUrl;
    await using var stripe = await StandIn.StartAsync(new StripeStandInOptions { Port = run.StripePort, AutoCreatePaymentIntents = true });
    await stripe.ConfigureWebhooksAsync(new Uri(new Uri(appUrl), "/api/webhooks/stripe"), LocalWebhookSecret);
    var intacctOptions = new IntacctStandInOptions { Port = run.IntacctPort };
    await using var intacct = await IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
    intacct.AddArPayment("1001", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().AddDays(-3).UtcDateTime), 15_000);
    Console.WriteLine($"""
        Stand-ins only (no Azurite, no app). Settings for the app, as in local.settings.sample.json:
          Stripe__ApiKey={stripe.ApiKey}
          Stripe__ApiBase={stripe.BaseUri}
          Stripe__WebhookSecrets__0={LocalWebhookSecret}   (the stand-in posts its events to {appUrl}/api/webhooks/stripe)
          Intacct__Endpoint={intacct.Endpoint}
          Intacct__SenderId={intacctOptions.SenderId}  Intacct__SenderPassword={intacctOptions.SenderPassword}
          Intacct__CompanyId={intacctOptions.CompanyId}  Intacct__UserId={intacctOptions.UserId}  Intacct__UserPassword={intacctOptions.UserPassword}
        The Stripe stand-in accepts any payment intent at its first refund (as a payment of 10,000.00 USD unless you register
        it first: README, "Stand-in controls"); the Intacct stand-in knows AR payment 1001. Control APIs:
        {stripe.BaseUri}_standin/... and {intacct.BaseUri}_standin/...
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
