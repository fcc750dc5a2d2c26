using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Refunds.Application;
using Refunds.Functions.Auth;
using Refunds.Functions.Tests.Support;
using Refunds.Http.Features.DurableManagement;

namespace Refunds.Functions.Tests.Metadata;

/// <summary>The built functions.metadata (what the Functions host reads) against the local host's routes and the application's tasks.</summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>
    /// Local routes the Functions app does not serve, and why. The OpenAPI document is generated from the local host's
    /// endpoint metadata (ApiExplorer over its EndpointDataSource); the worker has no such endpoints to describe. Durable's
    /// management API is served under Functions by the host's Durable extension itself, on these very paths.
    /// <c>/ops/</c> is the local host's address for the ops console, outside <c>/api</c>, which the Functions host
    /// cannot serve (every HTTP function is under its <c>api</c> route prefix): both hosts serve the console at
    /// <c>console/{*path}</c>, compared like any other route. The development token minter exists only in the local
    /// host's Development environment (these tests build it in Production, so it is listed for runs that set
    /// ASPNETCORE_ENVIRONMENT).
    /// </summary>
    private static readonly HashSet<(string Route, string Method)> NotServedByFunctions =
    [
        ("openapi/{documentName}.json", "GET"),
        ("ops/{*path}", "GET"),
        ("ops/dev-token", "GET"),
        ("ops/dev-token", "POST"),
        (DurableManagementEndpoints.InstancesRoute, "GET"),
        (DurableManagementEndpoints.InstancesRoute, "DELETE"),
        (DurableManagementEndpoints.InstanceRoute, "GET"),
        (DurableManagementEndpoints.InstanceRoute, "DELETE"),
        (DurableManagementEndpoints.TerminateRoute, "POST"),
        (DurableManagementEndpoints.RaiseEventRoute, "POST"),
        (DurableManagementEndpoints.SuspendRoute, "POST"),
        (DurableManagementEndpoints.ResumeRoute, "POST"),
    ];

    /// <summary>Functions whose calls reach the Durable client (to signal, or to read instances): each must bind [DurableClient].</summary>
    private static readonly string[] Signalling =
        ["StartRefund", "GetRefund", "RetryRefund", "CancelRefund", "RetryIntacct", "StripeWebhook", "Reconciler",
            "StartReconciliation", "RecordReconciliationFinding", "DailyReconciliation"];

    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionEntry.ReadBuilt();

    private static IEnumerable<FunctionEntry> HttpFunctions => Functions.Where(f => f.TriggerType == "httpTrigger");

    private static IEnumerable<(string Route, string Method)> Pairs(FunctionEntry function)
    {
        var trigger = function.Trigger!;
        var methods = trigger["methods"] is JsonArray listed ? listed.Select(m => ((string)m!).ToUpperInvariant()).ToList() : [LocalRoute.AnyMethod];
        return methods.Select(method => ((string)trigger["route"]!, method));
    }

    [Fact]
    public async Task HttpFunctions_RoutesAndMethods_SameAsTheLocalHostBothWays()
    {
        var local = (await LocalRoute.ReadAsync()).Select(r => (r.Route, r.Method)).Except(NotServedByFunctions).ToHashSet();
        var functions = HttpFunctions.SelectMany(Pairs).ToHashSet();

        Assert.Empty(local.Except(functions));
        Assert.Empty(functions.Except(local));
        Assert.Equal(21, functions.Count);
    }

    [Fact]
    public async Task HttpFunctions_NamesAndAuthAttributes_MatchTheLocalEndpoints()
    {
        var local = (await LocalRoute.ReadAsync()).ToDictionary(r => (r.Route, r.Method));
        foreach (var function in HttpFunctions)
        {
            var method = Resolve(function);
            foreach (var pair in Pairs(function))
            {
                var route = local[pair];
                Assert.Equal(route.Name ?? function.Name, function.Name);
                Assert.Equal(route.AllowAnonymous, method.GetCustomAttribute<AllowAnonymousAttribute>() is not null);
                Assert.Equal(route.Authorize, method.GetCustomAttributes<AuthorizeAttribute>().Select(a => $"policy={a.Policy} roles={a.Roles}").ToList());
            }
        }
    }

    [Fact]
    public void HttpFunctions_Bindings_AnonymousKeyLevelAndAnHttpReturn()
    {
        Assert.All(HttpFunctions, function =>
        {
            // The host's function keys are not our authentication: bearer tokens (or Stripe's signature) are.
            Assert.Equal("Anonymous", (string?)function.Trigger!["authLevel"]);
            Assert.Contains(function.Bindings, b => (string?)b["type"] == "http" && (string?)b["direction"] == "Out" && (string?)b["name"] == "$return");
        });
    }

    [Fact]
    public void AnonymousFunctions_OnlyWebhookHealthAndConsoleFiles()
    {
        var anonymous = Functions.Where(f => Resolve(f).GetCustomAttribute<AllowAnonymousAttribute>() is not null).Select(f => f.Name);

        Assert.Equal(["Health", "OpsConsole", "StripeWebhook"], anonymous.Order());
    }

    [Fact]
    public void SignallingFunctions_BindDurableClient()
    {
        var byName = Functions.ToDictionary(f => f.Name);

        Assert.All(Signalling, name => Assert.True(byName[name].Binds("durableClient"), $"{name} does not bind [DurableClient]"));
    }

    [Fact]
    public void Orchestrators_EachHasAnOrchestrationTriggerNamedAfterItsClass()
    {
        var orchestrations = Functions.Where(f => f.TriggerType == "orchestrationTrigger").Select(f => f.Name).Order();

        Assert.Equal(ApplicationServices.Orchestrators.Select(t => t.Name).Order(), orchestrations);
        Assert.All(Functions.Where(f => f.TriggerType == "orchestrationTrigger"), f => Assert.Single(f.Bindings));
    }

    [Fact]
    public void Activities_EachHasAnActivityTriggerNamedAfterItsClass()
    {
        var activities = Functions.Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order();

        Assert.Equal(ApplicationServices.Activities.Select(t => t.Name).Order(), activities);
    }

    [Fact]
    public void Reconciler_TimerEveryMinute()
    {
        var reconciler = Assert.Single(Functions, f => f.Name == "Reconciler");

        Assert.Equal("timerTrigger", reconciler.TriggerType);
        Assert.Equal("0 */1 * * * *", (string?)reconciler.Trigger!["schedule"]);
    }

    [Fact]
    public void DailyReconciliation_TimerAtHalfPastMidnightUtc()
    {
        var daily = Assert.Single(Functions, f => f.Name == "DailyReconciliation");

        Assert.Equal("timerTrigger", daily.TriggerType);
        Assert.Equal("0 30 0 * * *", (string?)daily.Trigger!["schedule"]);
    }

    [Fact]
    public void EveryFunction_EntryPoint_IsTheFunctionMethodInTheAppAssembly()
    {
        Assert.All(Functions, function =>
        {
            Assert.Equal("Refunds.Functions.dll", function.ScriptFile);
            Assert.Equal(function.Name, Resolve(function).GetCustomAttribute<FunctionAttribute>()!.Name);
        });
    }

    private static MethodInfo Resolve(FunctionEntry function) =>
        FunctionMethods.Resolve(new EntryPointDefinition(function.EntryPoint))
        ?? throw new InvalidOperationException($"{function.Name}: no method {function.EntryPoint}.");

    private sealed class EntryPointDefinition(string entryPoint) : FunctionDefinition
    {
        public override System.Collections.Immutable.ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => "";

        public override string EntryPoint => entryPoint;

        public override string Id => entryPoint;

        public override string Name => entryPoint;

        public override System.Collections.Immutable.IImmutableDictionary<string, BindingMetadata> InputBindings =>
            System.Collections.Immutable.ImmutableDictionary<string, BindingMetadata>.Empty;

        public override System.Collections.Immutable.IImmutableDictionary<string, BindingMetadata> OutputBindings =>
            System.Collections.Immutable.ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
