using System.Net;
using System.Text.RegularExpressions;
using Refunds.Api;
using Refunds.Http.Telemetry;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

[Collection(AzuriteCollection.Name)]
public sealed partial class TelemetryTests(AzuriteFixture azurite)
{
    private const string WebhookSecret = "whsec_telemetry_test_never_logged_0123456789";

    [Fact]
    public async Task FullRefund_AllLogsAndSpans_NoSecretsAndStepRecordsCarryRefundScope()
    {
        var capture = new TelemetryCapture();
        await using var app = await TestApp.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                // Everything, including request and HTTP client traces, so a leak anywhere shows.
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System.Net.Http"] = "Trace",
                ["Logging:LogLevel:Azure"] = "Trace",
                ["Stripe:WebhookSecrets:0"] = WebhookSecret,
            },
            capture.Register);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4801");
        var adminToken = TestKeys.Admin(paid.Org);

        using var started = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, adminToken);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        await Poll.UntilAsync(
            async () => (await app.GetRefundAsync(paid.Org, refundId)).GetProperty("intacct").GetProperty("status").GetString() is "Succeeded" or "Failed",
            TimeSpan.FromSeconds(30),
            $"refund {refundId} and its Intacct reversal",
            TimeSpan.FromMilliseconds(100));
        await Poll.UntilAsync(
            () => capture.Spans.Any(s => s.Name == "refund.intacct_reversal"),
            TimeSpan.FromSeconds(5),
            "the Intacct reversal span to end",
            TimeSpan.FromMilliseconds(50));

        var all = capture.AllText();
        Assert.DoesNotContain(adminToken, all, StringComparison.Ordinal);
        Assert.DoesNotMatch(JwtPattern(), all);
        Assert.DoesNotContain(app.Stripe.ApiKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Intacct.Options.SenderPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Intacct.Options.UserPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, all, StringComparison.Ordinal);

        var transitions = capture.Logs.Where(l => l.Category == "Refunds.Application.Workflow.RefundRecords" && l.Scope("RefundId") == refundId).ToList();
        Assert.NotEmpty(transitions);
        Assert.All(transitions, log =>
        {
            Assert.Equal(paid.Org, log.Scope("OrganizationId"));
            Assert.False(string.IsNullOrEmpty(log.Scope("Step")));
        });
        var intacctCalls = capture.Logs.Where(l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
            && l.Message.Contains(app.Intacct.Endpoint.Authority, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(intacctCalls);
        Assert.All(intacctCalls, log =>
        {
            Assert.Equal(refundId, log.Scope("RefundId"));
            Assert.Equal(paid.Org, log.Scope("OrganizationId"));
            Assert.Equal("ReverseInIntacct", log.Scope("Step"));
        });

        Assert.Contains(capture.Spans, s => s.Name == "refund.start" && s.Tag("refund.id") == refundId && s.Tag("organization.id") == paid.Org);
        Assert.Contains(capture.Spans, s => s.Name == "refund.step" && s.Tag("refund.id") == refundId && s.Tag("refund.step") == "CreateStripeRefund");
        Assert.Contains(capture.Spans, s => s.Name == "refund.intacct_reversal" && s.Tag("refund.id") == refundId && s.Tag("intacct.outcome") == "reversed");
    }

    [Fact]
    public async Task ConsoleExporter_AppStarts_HealthAnswers()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Telemetry:Exporter"] = "Console" });

        using var response = await app.SendAsync(HttpMethod.Get, "/api/health", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("azuremonitor", "APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("otlp", "must be none, console or azuremonitor")]
    public void Exporter_Unusable_BuildFailsNamingTheSetting(string exporter, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RefundsApp.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:Issuer"] = TestKeys.Issuer,
                ["Auth:Audience"] = TestKeys.Audience,
                ["Auth:SigningKeys:0"] = TestKeys.PublicPem,
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Durable:RunWorker"] = "false",
                ["Telemetry:Exporter"] = exporter,
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
            })));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseExporter_DevelopmentWithoutSetting_None()
    {
        var builder = Builder("Development", exporter: null, connectionString: null);

        Assert.Equal(TelemetrySetup.None, TelemetrySetup.ChooseExporter(builder));
    }

    [Fact]
    public void ChooseExporter_ConsoleConfiguredInDevelopment_Console()
    {
        var builder = Builder("Development", exporter: "console", connectionString: null);

        Assert.Equal(TelemetrySetup.Console, TelemetrySetup.ChooseExporter(builder));
    }

    [Fact]
    public void ChooseExporter_ConnectionStringWithoutSetting_AzureMonitor()
    {
        var builder = Builder("Production", exporter: null, connectionString: "InstrumentationKey=00000000-0000-0000-0000-000000000000");

        Assert.Equal(TelemetrySetup.AzureMonitor, TelemetrySetup.ChooseExporter(builder));
    }

    [Fact]
    public void ChooseExporter_ProductionWithoutSettingOrConnectionString_None()
    {
        var builder = Builder("Production", exporter: null, connectionString: null);

        Assert.Equal(TelemetrySetup.None, TelemetrySetup.ChooseExporter(builder));
    }

    private static WebApplicationBuilder Builder(string environment, string? exporter, string? connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });

        // Explicit values (null clears), so variables of the machine running the tests cannot decide.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = exporter,
            [TelemetrySetup.ConnectionStringVariable] = connectionString,
        });
        return builder;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.")]
    private static partial Regex JwtPattern();
}
