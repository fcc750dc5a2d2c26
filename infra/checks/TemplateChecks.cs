// Checks the compiled ARM template against the deployment design (Flex Consumption, .NET 10 isolated
// worker, identity-based host storage, the data roles Durable Functions needs, Application Insights,
// secrets only as Key Vault references), then proves that each check can fail by running them again
// on deliberately broken copies of the template.
//
// Usage (infra/build.sh runs it): dotnet run infra/checks/TemplateChecks.cs -- <scenario.json>...
// Each scenario is the output of `bicep build-params main.bicepparam --stdout`: the parameter values
// and the compiled template they go with. The template is evaluated offline by a small ARM expression
// evaluator: values known only at deployment time (resource ids, endpoints, principal ids, unique
// strings) stay symbolic, written as «...», so that the checks can still say where a value comes from.
// A function the evaluator does not know makes the run fail rather than pass unchecked.

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

var verbose = args.Contains("--verbose");
var files = args.Where(a => a != "--verbose").ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine("usage: TemplateChecks.cs [--verbose] <bicep build-params --stdout output>...");
    return 2;
}

var scenarios = files.Select(Scenario.Load).ToList();
var failures = 0;

// 1. Every check on every scenario.
foreach (var check in Checks.All)
{
    var problems = scenarios
        .SelectMany(s => Checks.Run(check, s.Template, s).Select(p => $"[{s.Label}] {p}"))
        .ToList();
    if (problems.Count == 0)
    {
        Console.WriteLine($"ok   template: {check.Name}");
    }
    else
    {
        failures++;
        Console.WriteLine($"FAIL template: {check.Name}");
        foreach (var problem in problems)
        {
            Console.WriteLine($"     {problem}");
        }
    }
}

// 2. The checks must bite: each mutation breaks the template in one way and must be reported by the
// check named for it. A mutation that no longer applies (the template changed) fails too, so that
// this list is kept up to date with the template.
var mutationProblems = new List<string>();
foreach (var mutation in Mutations.All)
{
    var scenario = scenarios[0];
    if (!scenario.TemplateText.Contains(mutation.Find, StringComparison.Ordinal))
    {
        mutationProblems.Add($"mutation '{mutation.Description}' no longer applies: the template has no {mutation.Find}");
        continue;
    }

    var broken = Scenario.ParseTemplate(scenario.TemplateText.Replace(mutation.Find, mutation.Replace, StringComparison.Ordinal));
    var check = Checks.All.Single(c => c.Name == mutation.CaughtBy);
    // Caught means reported as a defect, not merely a template the evaluator could not read.
    var problems = Checks.Run(check, broken, scenario);
    if (!problems.Any(p => !p.StartsWith(Checks.EvaluationFailed, StringComparison.Ordinal)))
    {
        mutationProblems.Add($"mutation '{mutation.Description}' was not caught by '{mutation.CaughtBy}'{(problems.Count > 0 ? $": {problems[0]}" : "")}");
    }
    else if (verbose)
    {
        Console.WriteLine($"     {mutation.Description}: {problems[0]}");
    }
}

if (mutationProblems.Count == 0)
{
    Console.WriteLine($"ok   self-test: each of {Mutations.All.Count} broken templates is caught by its check");
}
else
{
    failures++;
    Console.WriteLine("FAIL self-test: the checks must fail on broken templates");
    foreach (var problem in mutationProblems)
    {
        Console.WriteLine($"     {problem}");
    }
}

return failures == 0 ? 0 : 1;

/// <summary>One parameter set and the template it was built with.</summary>
internal sealed record Scenario(string Label, string TemplateText, JsonObject Template, JsonObject Parameters)
{
    public static Scenario Load(string path)
    {
        var output = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidOperationException($"{path}: not a JSON object");
        var templateText = output["templateJson"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{path}: no templateJson (expected `bicep build-params --stdout` output)");
        var parameters = JsonNode.Parse(output["parametersJson"]?.GetValue<string>() ?? "{}")?["parameters"]?.AsObject()
            ?? throw new InvalidOperationException($"{path}: no parameters");
        return new Scenario(Path.GetFileNameWithoutExtension(path), templateText, ParseTemplate(templateText), parameters);
    }

    public static JsonObject ParseTemplate(string text) =>
        JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("template is not a JSON object");
}

/// <summary>A deliberate defect and the check that must report it.</summary>
internal sealed record Mutation(string Description, string Find, string Replace, string CaughtBy);

internal static class Mutations
{
    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("a Linux Consumption (Y1) plan", "\"FC1\"", "\"Y1\"", Checks.FlexPlan),
        new("the custom handler runtime", "\"dotnet-isolated\"", "\"custom\"", Checks.IsolatedRuntime),
        new(".NET 8 instead of .NET 10", "\"10.0\"", "\"8.0\"", Checks.IsolatedRuntime),
        new("the deployment package read with a connection string", "\"SystemAssignedIdentity\"", "\"StorageAccountConnectionString\"", Checks.DeploymentStorage),
        new("an instance size Flex Consumption does not offer", "\"allowedValues\": [\n        512,", "\"allowedValues\": [\n        1024,", Checks.Scale),
        new("an AzureWebJobsStorage setting instead of the identity-based ones", "'AzureWebJobsStorage__accountName'", "'AzureWebJobsStorage'", Checks.HostStorage),
        new("FUNCTIONS_WORKER_RUNTIME as an app setting", "'AzureWebJobsStorage__credential', 'managedidentity'", "'AzureWebJobsStorage__credential', 'managedidentity', 'FUNCTIONS_WORKER_RUNTIME', 'dotnet-isolated'", Checks.NoLegacySettings),
        new("the old queue endpoint setting", "'Storage__TableServiceUri'", "'Storage__queueServiceUri'", Checks.NoLegacySettings),
        new("no ledger table endpoint", "'Storage__TableServiceUri'", "'Storage__TableUri'", Checks.Ledger),
        new("Storage Blob Data Contributor instead of Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", Checks.StorageRoles),
        new("no Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "19e7f393-937e-4f77-808e-94535e297925", Checks.StorageRoles),
        new("no Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "21090545-7ca7-4776-b22c-e363652d74d2", Checks.OtherRoles),
        new("no Application Insights connection string", "'APPLICATIONINSIGHTS_CONNECTION_STRING'", "'APPINSIGHTS_CONNECTION'", Checks.Monitoring),
        new("secret URIs instead of Key Vault references", "@Microsoft.KeyVault(SecretUri={0})", "{0}", Checks.KeyVaultReferences),
        new("the Stripe API key inlined in an app setting", "__bicep.keyVaultReference(reference('stripeApiKeySecret').secretUri)", "parameters('stripeApiKey')", Checks.NoInlineSecrets),
        new("an invalid task hub name", "'AzureFunctionsJobHost__extensions__durableTask__hubName', parameters('taskHubName')", "'AzureFunctionsJobHost__extensions__durableTask__hubName', 'refunds-hub'", Checks.TaskHub),
    ];
}

/// <summary>A named rule over the evaluated deployment.</summary>
internal sealed record Check(string Name, Func<Deployed, IEnumerable<string>> Rule);

internal static partial class Checks
{
    public const string FlexPlan = "Flex Consumption plan (FC1)";
    public const string IsolatedRuntime = "function app: Linux, functionAppConfig.runtime dotnet-isolated 10.0";
    public const string DeploymentStorage = "deployment package: blob container read with the system-assigned identity";
    public const string Scale = "scale: maximumInstanceCount and instanceMemoryMB";
    public const string HostStorage = "AzureWebJobsStorage: identity-based, no connection string or account key";
    public const string NoLegacySettings = "no FUNCTIONS_WORKER_RUNTIME, custom handler or queue settings";
    public const string Ledger = "ledger: Storage__TableServiceUri and the table";
    public const string TaskHub = "Durable task hub name";
    public const string StorageRoles = "storage roles: Blob Data Owner, Queue and Table Data Contributor";
    public const string OtherRoles = "roles: Key Vault Secrets User, Monitoring Metrics Publisher";
    public const string Monitoring = "Application Insights connection string (Entra-authenticated)";
    public const string KeyVaultReferences = "secrets: Key Vault references to secrets of this template";
    public const string NoInlineSecrets = "no secret value outside Key Vault secrets";

    public const string EvaluationFailed = "the template could not be evaluated";

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly string[] StorageServices = ["blob", "queue", "table"];

    private static readonly string[] RequiredSecretSettings =
        ["Stripe__ApiKey", "Stripe__WebhookSecrets__0", "Intacct__SenderPassword", "Intacct__UserPassword", "Listing__TokenKeys__0"];

    // Not app settings on Flex Consumption (functionAppConfig replaces them), or left over from the
    // custom handler and its queues.
    private static readonly string[] ForbiddenSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "FUNCTIONS_CUSTOMHANDLER_PORT", "Storage__queueServiceUri", "Storage__ConnectionString",
        "Storage__StepQueueName", "Storage__StripeEventQueueName", "Storage__IntacctQueueName",
    ];

    public static IReadOnlyList<Check> All { get; } =
    [
        new(FlexPlan, CheckFlexPlan),
        new(IsolatedRuntime, CheckRuntime),
        new(DeploymentStorage, CheckDeploymentStorage),
        new(Scale, CheckScale),
        new(HostStorage, CheckHostStorage),
        new(NoLegacySettings, CheckNoLegacySettings),
        new(Ledger, CheckLedger),
        new(TaskHub, CheckTaskHub),
        new(StorageRoles, CheckStorageRoles),
        new(OtherRoles, CheckOtherRoles),
        new(Monitoring, CheckMonitoring),
        new(KeyVaultReferences, CheckKeyVaultReferences),
        new(NoInlineSecrets, CheckNoInlineSecrets),
    ];

    /// <summary>Evaluates the template with the scenario's parameters and applies one check.</summary>
    public static IReadOnlyList<string> Run(Check check, JsonObject template, Scenario scenario)
    {
        try
        {
            return check.Rule(Deployed.Evaluate(template, scenario.Parameters)).ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or KeyNotFoundException
            or FormatException or InvalidCastException or ArgumentOutOfRangeException or NullReferenceException)
        {
            return [$"{EvaluationFailed}: {e.Message}"];
        }
    }

    private static IEnumerable<string> CheckFlexPlan(Deployed d)
    {
        if (d.Single("Microsoft.Web/serverfarms") is not { } plan)
        {
            yield return "expected exactly one Microsoft.Web/serverfarms";
            yield break;
        }

        if (Str(plan.Get("sku", "name")) != "FC1" || Str(plan.Get("sku", "tier")) != "FlexConsumption")
        {
            yield return $"plan sku is {Arm.Show(plan.Get("sku"))}, expected name FC1, tier FlexConsumption";
        }

        if (plan.Get("properties", "reserved") is not true)
        {
            yield return "plan properties.reserved must be true (Linux)";
        }

        if (d.Single("Microsoft.Web/sites") is { } site
            && !(site.Get("properties", "serverFarmId") is ResourceIdValue id && id.Type == "Microsoft.Web/serverfarms" && id.NameText == Arm.Text(plan.Name)))
        {
            yield return $"the function app's serverFarmId {Arm.Show(site.Get("properties", "serverFarmId"))} is not this plan";
        }
    }

    private static IEnumerable<string> CheckRuntime(Deployed d)
    {
        if (d.Single("Microsoft.Web/sites") is not { } site)
        {
            yield return "expected exactly one Microsoft.Web/sites";
            yield break;
        }

        if (Str(site.Get("kind")) != "functionapp,linux")
        {
            yield return $"kind is {Arm.Show(site.Get("kind"))}, expected functionapp,linux";
        }

        var runtime = site.Get("properties", "functionAppConfig", "runtime");
        if (Str(Arm.Member(runtime, "name")) != "dotnet-isolated" || Str(Arm.Member(runtime, "version")) != "10.0")
        {
            yield return $"functionAppConfig.runtime is {Arm.Show(runtime)}, expected dotnet-isolated 10.0";
        }

        if (!(Str(site.Get("identity", "type")) ?? "").Contains("SystemAssigned", StringComparison.Ordinal))
        {
            yield return "the function app needs a system-assigned identity";
        }
    }

    private static IEnumerable<string> CheckDeploymentStorage(Deployed d)
    {
        if (d.Single("Microsoft.Web/sites") is not { } site || d.Single("Microsoft.Storage/storageAccounts") is not { } account)
        {
            yield return "expected one function app and one storage account";
            yield break;
        }

        var storage = site.Get("properties", "functionAppConfig", "deployment", "storage");
        if (Str(Arm.Member(storage, "type")) != "blobContainer")
        {
            yield return $"deployment storage type is {Arm.Show(Arm.Member(storage, "type"))}, expected blobContainer";
        }

        if (Str(Arm.Member(Arm.Member(storage, "authentication"), "type")) != "SystemAssignedIdentity")
        {
            yield return $"deployment storage authentication is {Arm.Show(Arm.Member(storage, "authentication"))}, expected SystemAssignedIdentity";
        }

        var blobEndpoint = $"«{Arm.ReferenceText("Microsoft.Storage/storageAccounts", Arm.Text(account.Name))}.primaryEndpoints.blob»";
        var containers = d.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => Arm.Raw(c.Name))
            .Where(name => name.StartsWith(Arm.Text(account.Name) + "/default/", StringComparison.Ordinal))
            .Select(name => blobEndpoint + name[(name.LastIndexOf('/') + 1)..]);
        var url = Arm.Raw(Arm.Member(storage, "value"));
        if (!containers.Contains(url))
        {
            yield return $"deployment storage {url} is not a blob container this template creates in its storage account";
        }
    }

    private static IEnumerable<string> CheckScale(Deployed d)
    {
        var scale = d.Single("Microsoft.Web/sites")?.Get("properties", "functionAppConfig", "scaleAndConcurrency");
        if (Arm.Member(scale, "maximumInstanceCount") is not long max || max is < 1 or > 1000)
        {
            yield return $"maximumInstanceCount is {Arm.Show(Arm.Member(scale, "maximumInstanceCount"))}, expected 1 to 1000";
        }

        if (Arm.Member(scale, "instanceMemoryMB") is not (512L or 2048L or 4096L))
        {
            yield return $"instanceMemoryMB is {Arm.Show(Arm.Member(scale, "instanceMemoryMB"))}, expected 512, 2048 or 4096";
        }

        // The parameter's allowed values are what a deployer can choose from.
        foreach (var allowed in d.AllowedValues("instanceMemoryMB"))
        {
            if (allowed is not (512L or 2048L or 4096L))
            {
                yield return $"instanceMemoryMB allows {Arm.Show(allowed)}, which Flex Consumption does not offer";
            }
        }
    }

    private static IEnumerable<string> CheckHostStorage(Deployed d)
    {
        var settings = d.AppSettings();
        if (d.Single("Microsoft.Storage/storageAccounts") is not { } account)
        {
            yield return "expected exactly one storage account";
            yield break;
        }

        if (settings.ContainsKey("AzureWebJobsStorage"))
        {
            yield return "AzureWebJobsStorage is set: host storage must be identity-based (AzureWebJobsStorage__accountName)";
        }

        var accountName = Arm.Text(account.Name);
        var serviceUris = StorageServices.All(s => settings.TryGetValue($"AzureWebJobsStorage__{s}ServiceUri", out var uri)
                && Arm.Text(uri) == $"«{Arm.ReferenceText("Microsoft.Storage/storageAccounts", accountName)}.primaryEndpoints.{s}»");
        if (!(settings.TryGetValue("AzureWebJobsStorage__accountName", out var name) && Arm.Text(name) == accountName) && !serviceUris)
        {
            yield return $"AzureWebJobsStorage__accountName must be the storage account {accountName} (or all three __*ServiceUri its endpoints)";
        }

        if (!settings.TryGetValue("AzureWebJobsStorage__credential", out var credential) || Str(credential) != "managedidentity")
        {
            yield return "AzureWebJobsStorage__credential must be managedidentity";
        }

        foreach (var (key, value) in settings)
        {
            var text = Arm.Text(value);
            if (text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                || text.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase)
                || text.Contains("DefaultEndpointsProtocol=", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{key} holds a storage connection string";
            }
        }

        if (account.Get("properties", "allowSharedKeyAccess") is not false)
        {
            yield return "the storage account must disable shared key access (allowSharedKeyAccess: false)";
        }

        if (ListFunction().Match(d.TemplateText) is { Success: true } list)
        {
            yield return $"the template calls {list.Value}: keys or SAS must not be read at deployment";
        }
    }

    private static IEnumerable<string> CheckNoLegacySettings(Deployed d)
    {
        foreach (var key in d.AppSettings().Keys)
        {
            if (ForbiddenSettings.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"app setting {key} must not be set";
            }
        }

        foreach (var queue in d.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"))
        {
            yield return $"queue {Arm.Raw(queue.Name)}: the app has no queues of its own (Durable's task hub makes its own)";
        }
    }

    private static IEnumerable<string> CheckLedger(Deployed d)
    {
        if (d.Single("Microsoft.Storage/storageAccounts") is not { } account)
        {
            yield return "expected exactly one storage account";
            yield break;
        }

        var expected = $"«{Arm.ReferenceText("Microsoft.Storage/storageAccounts", Arm.Text(account.Name))}.primaryEndpoints.table»";
        if (!d.AppSettings().TryGetValue("Storage__TableServiceUri", out var uri) || Arm.Text(uri) != expected)
        {
            yield return $"Storage__TableServiceUri must be the storage account's table endpoint {expected}";
        }

        if (!d.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Any())
        {
            yield return "the ledger table is not created";
        }
    }

    private static IEnumerable<string> CheckTaskHub(Deployed d)
    {
        if (!d.AppSettings().TryGetValue("AzureFunctionsJobHost__extensions__durableTask__hubName", out var hub))
        {
            yield return "AzureFunctionsJobHost__extensions__durableTask__hubName is not set";
        }
        else if (Str(hub) is not { } name || !TaskHubName().IsMatch(name))
        {
            yield return $"task hub name {Arm.Show(hub)}: letters and digits, starting with a letter, 3 to 45 characters";
        }
    }

    private static IEnumerable<string> CheckStorageRoles(Deployed d)
    {
        if (d.Single("Microsoft.Storage/storageAccounts") is not { } account)
        {
            yield return "expected exactly one storage account";
            yield break;
        }

        foreach (var problem in RoleProblems(d, "Microsoft.Storage/storageAccounts", Arm.Text(account.Name),
            [(StorageBlobDataOwner, "Storage Blob Data Owner"), (StorageQueueDataContributor, "Storage Queue Data Contributor"), (StorageTableDataContributor, "Storage Table Data Contributor")]))
        {
            yield return problem;
        }
    }

    private static List<string> CheckOtherRoles(Deployed d)
    {
        var problems = new List<string>();
        if (d.Single("Microsoft.KeyVault/vaults") is { } vault)
        {
            problems.AddRange(RoleProblems(d, "Microsoft.KeyVault/vaults", Arm.Text(vault.Name), [(KeyVaultSecretsUser, "Key Vault Secrets User")]));
        }
        else
        {
            problems.Add("expected exactly one Key Vault");
        }

        if (d.Single("Microsoft.Insights/components") is { } insights)
        {
            problems.AddRange(RoleProblems(d, "Microsoft.Insights/components", Arm.Text(insights.Name), [(MonitoringMetricsPublisher, "Monitoring Metrics Publisher")]));
        }
        else
        {
            problems.Add("expected exactly one Application Insights component");
        }

        return problems;
    }

    /// <summary>Each role must be assigned to the function app's identity at the given resource.</summary>
    private static IEnumerable<string> RoleProblems(Deployed d, string scopeType, string scopeName, (string Id, string Name)[] roles)
    {
        if (d.Single("Microsoft.Web/sites") is not { } site)
        {
            yield return "expected exactly one function app";
            yield break;
        }

        var principal = $"{Arm.ReferenceText("Microsoft.Web/sites", Arm.Text(site.Name))}.identity.principalId";
        var assigned = d.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Scope is ResourceIdValue scope && scope.Type == scopeType && scope.NameText == scopeName)
            .Where(a => a.Get("properties", "principalId") is Opaque p && p.Text == principal && Str(a.Get("properties", "principalType")) == "ServicePrincipal")
            .Select(a => a.Get("properties", "roleDefinitionId"))
            .OfType<ResourceIdValue>()
            .Where(r => r.Type == "Microsoft.Authorization/roleDefinitions")
            .Select(r => r.NameText)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name) in roles)
        {
            if (!assigned.Contains(id))
            {
                yield return $"{name} ({id}) is not assigned to the function app's identity on {scopeType} {scopeName}";
            }
        }
    }

    private static IEnumerable<string> CheckMonitoring(Deployed d)
    {
        if (d.Single("Microsoft.Insights/components") is not { } insights)
        {
            yield return "expected exactly one Application Insights component";
            yield break;
        }

        var settings = d.AppSettings();
        var expected = $"{Arm.ReferenceText("Microsoft.Insights/components", Arm.Text(insights.Name))}.ConnectionString";
        if (!settings.TryGetValue("APPLICATIONINSIGHTS_CONNECTION_STRING", out var connection) || connection is not Opaque o || o.Text != expected)
        {
            yield return $"APPLICATIONINSIGHTS_CONNECTION_STRING must be the component's connection string ({expected})";
        }

        if (insights.Get("properties", "DisableLocalAuth") is true
            && (!settings.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var auth) || Str(auth) != "Authorization=AAD"))
        {
            yield return "local auth is disabled on the component: APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be Authorization=AAD";
        }
    }

    private static IEnumerable<string> CheckKeyVaultReferences(Deployed d)
    {
        var settings = d.AppSettings();
        if (d.Single("Microsoft.Web/sites") is not { } site || Str(site.Get("properties", "keyVaultReferenceIdentity")) != "SystemAssigned")
        {
            yield return "the function app must resolve Key Vault references with its system-assigned identity";
        }

        var rotating = Str(d.Parameter("stripeWebhookSecretNext")) is { Length: > 0 };
        string[] required = rotating ? [.. RequiredSecretSettings, "Stripe__WebhookSecrets__1"] : RequiredSecretSettings;
        var secrets = d.OfType("Microsoft.KeyVault/vaults/secrets")
            .Select(s => $"@Microsoft.KeyVault(SecretUri=«{Arm.ReferenceText(s.Type, Arm.Text(s.Name))}.secretUri»)")
            .ToHashSet(StringComparer.Ordinal);
        foreach (var key in required)
        {
            if (!settings.TryGetValue(key, out var value))
            {
                yield return $"{key} is not set";
            }
            else if (!secrets.Contains(Arm.Raw(value)))
            {
                yield return $"{key} is {Arm.Raw(value)}, not a Key Vault reference to a secret this template stores";
            }
        }

        if (!rotating && settings.ContainsKey("Stripe__WebhookSecrets__1"))
        {
            yield return "Stripe__WebhookSecrets__1 is set although no second webhook secret was given";
        }
    }

    private static IEnumerable<string> CheckNoInlineSecrets(Deployed d)
    {
        var secretValues = d.SecureParameterValues().Where(v => v.Length > 0).ToList();
        if (secretValues.Count == 0)
        {
            yield return "the scenario gives no secret values, so nothing would be checked";
            yield break;
        }

        foreach (var resource in d.Resources.Where(r => r.Type != "Microsoft.KeyVault/vaults/secrets"))
        {
            var text = Arm.Show(resource.Body);
            if (secretValues.Any(v => text.Contains(v, StringComparison.Ordinal)))
            {
                yield return $"{resource.Type} {Arm.Raw(resource.Name)} contains a secret parameter's value";
            }
        }

        var outputs = Arm.Show(d.Outputs);
        if (secretValues.Any(v => outputs.Contains(v, StringComparison.Ordinal)))
        {
            yield return "an output contains a secret parameter's value";
        }
    }

    private static string? Str(object? value) => value as string;

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.CultureInvariant)]
    private static partial Regex ListFunction();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskHubName();
}

/// <summary>A resource the template deploys, with every expression evaluated.</summary>
internal sealed record DeployedResource(string Type, object? Name, object? Scope, ArmObject Body)
{
    public object? Get(params string[] path) => path.Aggregate<string, object?>(Body, Arm.Member);
}

/// <summary>The evaluated deployment: every resource of the template and its modules, and the outputs.</summary>
internal sealed class Deployed
{
    private readonly Deployment _root;
    private Dictionary<string, object?>? _appSettings;

    private Deployed(Deployment root, string templateText, IReadOnlyList<DeployedResource> resources, object? outputs)
    {
        _root = root;
        TemplateText = templateText;
        Resources = resources;
        Outputs = outputs;
    }

    public string TemplateText { get; }
    public IReadOnlyList<DeployedResource> Resources { get; }
    public object? Outputs { get; }

    public static Deployed Evaluate(JsonObject template, JsonObject parameters)
    {
        var values = parameters.ToDictionary(p => p.Key, p => Arm.FromJson(p.Value?["value"]), StringComparer.OrdinalIgnoreCase);
        var root = new Deployment("main", template, name => values.TryGetValue(name, out var v) ? (true, v) : (false, null));
        var resources = new List<DeployedResource>();
        root.CollectResources(resources);
        return new Deployed(root, template.ToJsonString(), resources, root.EvaluateOutputs());
    }

    public IEnumerable<DeployedResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public DeployedResource? Single(string type) => OfType(type).Take(2).ToList() is [var only] ? only : null;

    public object? Parameter(string name) => _root.Parameter(name);

    public IEnumerable<object?> AllowedValues(string parameter) =>
        _root.Template["parameters"]?[parameter]?["allowedValues"]?.AsArray().Select(Arm.FromJson) ?? [];

    public IEnumerable<string> SecureParameterValues() =>
        (_root.Template["parameters"]?.AsObject() ?? [])
            .Where(p => string.Equals(p.Value?["type"]?.GetValue<string>(), "securestring", StringComparison.OrdinalIgnoreCase))
            .Select(p => _root.Parameter(p.Key))
            .OfType<string>();

    /// <summary>The function app's app settings by name (names compare case-insensitively, as in Azure).</summary>
    public Dictionary<string, object?> AppSettings()
    {
        if (_appSettings is null)
        {
            _appSettings = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            var list = Single("Microsoft.Web/sites")?.Get("properties", "siteConfig", "appSettings");
            foreach (var setting in list as List<object?> ?? [])
            {
                if (Arm.Member(setting, "name") is string name)
                {
                    _appSettings[name] = Arm.Member(setting, "value");
                }
            }

            foreach (var config in OfType("Microsoft.Web/sites/config").Where(c => Arm.Text(c.Name).EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var (name, value) in config.Get("properties") as ArmObject ?? new ArmObject())
                {
                    _appSettings[name] = value;
                }
            }
        }

        return _appSettings;
    }
}

/// <summary>One template (the main one or a module's) with its parameter values.</summary>
internal sealed class Deployment
{
    private readonly Func<string, (bool Found, object? Value)> _parameterSource;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _evaluating = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Deployment> _modules = new(StringComparer.OrdinalIgnoreCase);
    private ArmObject? _outputs;

    public Deployment(string name, JsonObject template, Func<string, (bool Found, object? Value)> parameterSource)
    {
        Name = name;
        Template = template;
        _parameterSource = parameterSource;
    }

    public string Name { get; }
    public JsonObject Template { get; }

    /// <summary>Resources by symbolic name (languageVersion 2.0) or by position.</summary>
    public IEnumerable<(string? Symbol, JsonObject Resource)> ResourceNodes =>
        Template["resources"] switch
        {
            JsonObject named => named.Select(p => ((string?)p.Key, p.Value!.AsObject())),
            JsonArray list => list.Select(r => ((string?)null, r!.AsObject())),
            _ => [],
        };

    public object? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var cached))
        {
            return cached;
        }

        Guard($"parameters('{name}')");
        var (found, value) = _parameterSource(name);
        if (!found)
        {
            var declaration = Template["parameters"]?[name]
                ?? throw new KeyNotFoundException($"{Name}: no parameter {name}");
            value = declaration["defaultValue"] is { } fallback
                ? Arm.Evaluate(fallback, new Context(this))
                : throw new KeyNotFoundException($"{Name}: parameter {name} has no value and no default");
        }

        _evaluating.Remove($"parameters('{name}')");
        return _parameters[name] = value;
    }

    public object? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached))
        {
            return cached;
        }

        Guard($"variables('{name}')");
        var node = Template["variables"]?[name] ?? throw new KeyNotFoundException($"{Name}: no variable {name}");
        if (name.Equals("copy", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("variable loops");
        }

        var value = Arm.Evaluate(node, new Context(this));
        _evaluating.Remove($"variables('{name}')");
        return _variables[name] = value;
    }

    private void Guard(string what)
    {
        if (!_evaluating.Add(what))
        {
            throw new InvalidOperationException($"{Name}: {what} depends on itself");
        }
    }

    /// <summary>The module deployed under this name by this template.</summary>
    public Deployment Module(string name)
    {
        if (_modules.TryGetValue(name, out var module))
        {
            return module;
        }

        foreach (var (_, resource) in ResourceNodes)
        {
            if (IsModule(resource) && Arm.Text(Arm.Evaluate(resource["name"], new Context(this))) == name)
            {
                return _modules[name] = CreateModule(name, resource, new Context(this));
            }
        }

        throw new KeyNotFoundException($"{Name}: no module {name}");
    }

    private static Deployment CreateModule(string name, JsonObject resource, Context outer)
    {
        var properties = resource["properties"]!.AsObject();
        if (properties["expressionEvaluationOptions"]?["scope"]?.GetValue<string>() is not "inner")
        {
            throw new NotSupportedException($"module {name}: only inner-scoped nested templates");
        }

        var template = properties["template"]?.AsObject() ?? throw new NotSupportedException($"module {name}: linked templates");
        var given = properties["parameters"]?.AsObject();
        return new Deployment(name, template, parameter =>
            given?[parameter] is { } p ? (true, Arm.Evaluate(p["value"], outer)) : (false, null));
    }

    private static bool IsModule(JsonObject resource) =>
        string.Equals(resource["type"]?.GetValue<string>(), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase);

    /// <summary>The type and name of a resource of this template, by symbolic name.</summary>
    public (string Type, object? Name)? Symbol(string symbol)
    {
        foreach (var (name, resource) in ResourceNodes)
        {
            if (string.Equals(name, symbol, StringComparison.Ordinal))
            {
                return (resource["type"]!.GetValue<string>(), Arm.Evaluate(resource["name"], new Context(this)));
            }
        }

        return null;
    }

    public ArmObject EvaluateOutputs()
    {
        if (_outputs is null)
        {
            _outputs = new ArmObject();
            foreach (var (name, output) in Template["outputs"]?.AsObject() ?? [])
            {
                _outputs[name] = new ArmObject { ["type"] = output?["type"]?.GetValue<string>(), ["value"] = Arm.Evaluate(output?["value"], new Context(this)) };
            }
        }

        return _outputs;
    }

    public void CollectResources(List<DeployedResource> into)
    {
        foreach (var (_, resource) in ResourceNodes)
        {
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var count = resource["copy"] is { } copy ? Arm.Evaluate(copy["count"], new Context(this)) as long? ?? throw new InvalidOperationException("copy count") : (long?)null;
            for (var index = 0L; index < (count ?? 1); index++)
            {
                var context = new Context(this) { CopyIndex = count is null ? null : index };
                if (resource["condition"] is { } condition && Arm.Evaluate(condition, context) is not true)
                {
                    continue;
                }

                var type = resource["type"]!.GetValue<string>();
                if (IsModule(resource))
                {
                    var name = Arm.Text(Arm.Evaluate(resource["name"], context));
                    _modules.TryAdd(name, CreateModule(name, resource, context));
                    _modules[name].CollectResources(into);
                    continue;
                }

                var body = new ArmObject();
                foreach (var (key, value) in resource)
                {
                    if (key is not ("copy" or "dependsOn" or "condition" or "existing"))
                    {
                        body[key] = Arm.Evaluate(value, context);
                    }
                }

                into.Add(new DeployedResource(type, body.GetValueOrDefault("name"), body.GetValueOrDefault("scope"), body));
            }
        }
    }
}

/// <summary>Where an expression is evaluated: its template, lambda variables, copy index, function parameters.</summary>
internal sealed class Context(Deployment deployment)
{
    public Deployment Deployment { get; } = deployment;
    public long? CopyIndex { get; init; }
    public IReadOnlyDictionary<string, object?> LambdaVariables { get; init; } = new Dictionary<string, object?>();
    public IReadOnlyDictionary<string, object?>? FunctionParameters { get; init; }
}

/// <summary>An ARM object: property names compare case-insensitively.</summary>
internal sealed class ArmObject() : Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

/// <summary>A value known only at deployment time, named by where it comes from.</summary>
internal record Opaque(string Text);

/// <summary>A resource id; the type and name stay readable for the checks.</summary>
internal sealed record ResourceIdValue(string Type, string NameText, string Function) : Opaque($"{Function}({Type} {NameText})");

/// <summary>The result of reference() on a module: its outputs can be evaluated.</summary>
internal sealed record ModuleReference(Deployment Module);

internal sealed record Lambda(IReadOnlyList<string> Parameters, Expr Body, Context Context);

internal abstract record Expr;
internal sealed record Literal(object? Value) : Expr;
internal sealed record Call(string Function, IReadOnlyList<Expr> Arguments) : Expr;
internal sealed record MemberAccess(Expr Target, string Member) : Expr;
internal sealed record IndexAccess(Expr Target, Expr Index) : Expr;

/// <summary>The ARM template expression language, as far as these templates use it.</summary>
internal static class Arm
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Aggregate(new ArmObject(), (result, p) => { result[p.Key] = FromJson(p.Value); return result; }),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v => v.GetValue<double>(),
        _ => throw new NotSupportedException(node.ToJsonString()),
    };

    /// <summary>Evaluates a template value: strings in [brackets] are expressions, [[ escapes a bracket.</summary>
    public static object? Evaluate(JsonNode? node, Context context) => node switch
    {
        JsonObject o => o.Aggregate(new ArmObject(), (result, p) => { result[p.Key] = Evaluate(p.Value, context); return result; }),
        JsonArray a => a.Select(n => Evaluate(n, context)).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => EvaluateString(s, context),
        _ => FromJson(node),
    };

    private static object? EvaluateString(string s, Context context)
    {
        if (s.StartsWith("[[", StringComparison.Ordinal))
        {
            return s[1..];
        }

        return s.Length >= 2 && s[0] == '[' && s[^1] == ']'
            ? Eval(new Parser(s[1..^1]).ParseAll(), context)
            : s;
    }

    public static object? Eval(Expr expr, Context context) => expr switch
    {
        Literal l => l.Value,
        MemberAccess m => Member(Eval(m.Target, context), m.Member),
        IndexAccess i => Index(Eval(i.Target, context), Eval(i.Index, context)),
        Call c => Functions.Invoke(c, context),
        _ => throw new NotSupportedException(expr.ToString()),
    };

    public static object? Member(object? target, string member) => target switch
    {
        ArmObject o => o.GetValueOrDefault(member),
        ModuleReference r when member.Equals("outputs", StringComparison.OrdinalIgnoreCase) => r.Module.EvaluateOutputs(),
        Opaque o => new Opaque($"{o.Text}.{member}"),
        _ => null,
    };

    private static object? Index(object? target, object? index) => (target, index) switch
    {
        (List<object?> list, long i) => list[(int)i],
        (ArmObject o, string key) => o.GetValueOrDefault(key),
        (Opaque o, _) => new Opaque($"{o.Text}[{Text(index)}]"),
        _ => throw new NotSupportedException($"indexing {Show(target)} with {Show(index)}"),
    };

    /// <summary>A value as text; a value known only at deployment time reads «like this».</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        Opaque o => $"«{o.Text}»",
        _ => Show(value),
    };

    /// <summary>A value as text, without the «» around a value known only at deployment time.</summary>
    public static string Raw(object? value) => value is Opaque o ? o.Text : Text(value);

    /// <summary>The text reference() gives for a resource of a type and name.</summary>
    public static string ReferenceText(string type, string nameText) => $"reference({type} {nameText})";

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        ArmObject o => "{" + string.Join(", ", o.Select(p => $"{p.Key}: {Show(p.Value)}")) + "}",
        List<object?> l => "[" + string.Join(", ", l.Select(Show)) + "]",
        ModuleReference r => $"module {r.Module.Name}",
        _ => Text(value),
    };
}

internal static class Functions
{
    public static object? Invoke(Call call, Context context)
    {
        var name = call.Function.ToLowerInvariant();

        // Lazily evaluated.
        switch (name)
        {
            case "if":
                return Arm.Eval(call.Arguments[Arm.Eval(call.Arguments[0], context) switch
                {
                    true => 1,
                    false => 2,
                    var c => throw new InvalidOperationException($"if() on a value not known before deployment: {Arm.Show(c)}"),
                }], context);
            case "lambda":
                return new Lambda(call.Arguments.SkipLast(1).Select(x => (string)Arm.Eval(x, context)!).ToList(), call.Arguments[^1], context);
            default:
                break;
        }

        var a = call.Arguments.Select(x => Arm.Eval(x, context)).ToList();
        var deployment = context.Deployment;
        switch (name)
        {
            case "parameters":
                var parameter = (string)a[0]!;
                return context.FunctionParameters is { } fp
                    ? fp[parameter]
                    : deployment.Parameter(parameter);
            case "variables":
                return deployment.Variable((string)a[0]!);
            case "lambdavariables":
                return context.LambdaVariables[(string)a[0]!];
            case "copyindex":
                var index = context.CopyIndex ?? throw new InvalidOperationException("copyIndex() outside a copy loop");
                return a is [long offset] ? index + offset : index;
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            case "createobject":
                var created = new ArmObject();
                for (var i = 0; i < a.Count; i += 2)
                {
                    created[(string)a[i]!] = a[i + 1];
                }

                return created;
            case "createarray":
                return a;
            case "flatten":
                return ((List<object?>)a[0]!).SelectMany(x => (List<object?>)x!).ToList();
            case "and" when a.All(x => x is bool):
                return a.All(x => x is true);
            case "or" when a.All(x => x is bool):
                return a.Any(x => x is true);
            case "union":
                return Union(a);
            case "items":
                return ((ArmObject)a[0]!).Select(p => (object?)new ArmObject { ["key"] = p.Key, ["value"] = p.Value }).ToList();
            case "map":
                var lambda = (Lambda)a[1]!;
                return ((List<object?>)a[0]!).Select((item, i) => Apply(lambda, item, (long)i)).ToList();
            case "length":
                return a[0] switch
                {
                    List<object?> l => (long)l.Count,
                    ArmObject o => (long)o.Count,
                    string s => (long)s.Length,
                    var other => throw new InvalidOperationException($"length() of {Arm.Show(other)}"),
                };
            case "empty":
                return a[0] switch
                {
                    null => true,
                    string s => s.Length == 0,
                    List<object?> l => l.Count == 0,
                    ArmObject o => o.Count == 0,
                    var other => throw new InvalidOperationException($"empty() of {Arm.Show(other)}"),
                };
            case "not":
                return a[0] is bool b ? !b : throw new InvalidOperationException($"not() of {Arm.Show(a[0])}");
            case "equals":
                return a[0] is Opaque || a[1] is Opaque
                    ? throw new InvalidOperationException("equals() on a value not known before deployment")
                    : Arm.Show(a[0]) == Arm.Show(a[1]);
            case "format":
                return Format((string)a[0]!, a.Skip(1).ToList());
            case "concat" when a.All(x => x is List<object?>):
                return a.SelectMany(x => (List<object?>)x!).ToList();
            case "concat":
                return Compose(a, string.Concat(a.Select(Arm.Text)));
            case "take" when a[0] is string s:
                return s[..(int)Math.Min(s.Length, (long)a[1]!)];
            case "tolower" when a[0] is string s:
                return s.ToLowerInvariant();
            case "toupper" when a[0] is string s:
                return s.ToUpperInvariant();
            case "string" when a[0] is string s:
                return s;
            case "resourceid":
            case "subscriptionresourceid":
            case "extensionresourceid":
            case "tenantresourceid":
                // resourceId([subscriptionId], [resourceGroup], type, name...): the type is the first
                // argument with a slash.
                var typeAt = a.FindIndex(x => x is string t && t.Contains('/', StringComparison.Ordinal));
                return new ResourceIdValue((string)a[typeAt]!, string.Join("/", a.Skip(typeAt + 1).Select(Arm.Text)), call.Function);
            case "reference":
                return Reference(a[0], deployment);
            default:
                break;
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            return UserFunction(call.Function, a, deployment);
        }

        if (name.StartsWith("list", StringComparison.Ordinal) || RuntimeFunctions.Contains(name) || a.Any(x => x is Opaque))
        {
            // Known only at deployment time.
            return new Opaque($"{call.Function}({string.Join(", ", a.Select(Arm.Text))})");
        }

        throw new NotSupportedException($"function {call.Function}() is not supported by infra/checks/TemplateChecks.cs");
    }

    private static readonly HashSet<string> RuntimeFunctions =
        ["resourcegroup", "subscription", "tenant", "deployment", "environment", "uniquestring", "guid", "utcnow", "newguid", "managementgroup"];

    private static object? Apply(Lambda lambda, object? item, long index)
    {
        var variables = new Dictionary<string, object?>(lambda.Context.LambdaVariables) { [lambda.Parameters[0]] = item };
        if (lambda.Parameters.Count > 1)
        {
            variables[lambda.Parameters[1]] = index;
        }

        var context = new Context(lambda.Context.Deployment)
        {
            CopyIndex = lambda.Context.CopyIndex,
            FunctionParameters = lambda.Context.FunctionParameters,
            LambdaVariables = variables,
        };
        return Arm.Eval(lambda.Body, context);
    }

    private static object? Union(List<object?> values)
    {
        if (values.All(v => v is ArmObject))
        {
            var result = new ArmObject();
            foreach (var o in values.Cast<ArmObject>())
            {
                foreach (var (key, value) in o)
                {
                    result[key] = result.GetValueOrDefault(key) is ArmObject existing && value is ArmObject nested
                        ? Union([existing, nested])
                        : value;
                }
            }

            return result;
        }

        if (values.All(v => v is List<object?>))
        {
            return values.SelectMany(v => (List<object?>)v!).DistinctBy(Arm.Show).ToList();
        }

        throw new InvalidOperationException($"union() of {string.Join(", ", values.Select(Arm.Show))}");
    }

    private static object Format(string format, List<object?> values)
    {
        var text = Regex.Replace(format, @"\{(\d+)\}", m => Arm.Text(values[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]));
        return Compose(values, text);
    }

    /// <summary>A string built from parts: still a string unless a part is known only at deployment time.</summary>
    private static object Compose(List<object?> parts, string text) => parts.Any(p => p is Opaque) ? new Opaque(text) : text;

    private static object? Reference(object? target, Deployment deployment)
    {
        switch (target)
        {
            case ResourceIdValue { Type: var type } id when type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase):
                return new ModuleReference(deployment.Module(id.NameText));
            case ResourceIdValue id:
                return new Opaque(Arm.ReferenceText(id.Type, id.NameText));
            case string symbol when deployment.Symbol(symbol) is { } found:
                return found.Type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                    ? new ModuleReference(deployment.Module(Arm.Text(found.Name)))
                    : new Opaque(Arm.ReferenceText(found.Type, Arm.Text(found.Name)));
            default:
                return new Opaque($"reference({Arm.Text(target)})");
        }
    }

    private static object? UserFunction(string qualifiedName, List<object?> arguments, Deployment deployment)
    {
        var dot = qualifiedName.IndexOf('.', StringComparison.Ordinal);
        var (ns, member) = (qualifiedName[..dot], qualifiedName[(dot + 1)..]);
        var definition = deployment.Template["functions"]?.AsArray()
            .FirstOrDefault(f => string.Equals(f?["namespace"]?.GetValue<string>(), ns, StringComparison.OrdinalIgnoreCase))?["members"]?[member]
            ?? throw new NotSupportedException($"function {qualifiedName}() is not defined");
        var names = definition["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        var context = new Context(deployment)
        {
            FunctionParameters = names.Select((n, i) => (n, arguments[i])).ToDictionary(p => p.n, p => p.Item2, StringComparer.OrdinalIgnoreCase),
        };
        return Arm.Evaluate(definition["output"]!["value"], context);
    }
}

/// <summary>Parses one ARM expression (the text between the outer brackets).</summary>
internal sealed class Parser(string text)
{
    private int _at;

    public Expr ParseAll()
    {
        var expr = ParseExpression();
        SkipSpace();
        return _at == text.Length ? expr : throw Error("unexpected text");
    }

    private Expr ParseExpression()
    {
        SkipSpace();
        var expr = ParsePrimary();
        while (true)
        {
            SkipSpace();
            if (Peek('.'))
            {
                _at++;
                expr = new MemberAccess(expr, ReadIdentifier());
            }
            else if (Peek('['))
            {
                _at++;
                var index = ParseExpression();
                Expect(']');
                expr = new IndexAccess(expr, index);
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr ParsePrimary()
    {
        if (Peek('\''))
        {
            var value = new StringBuilder();
            _at++;
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw Error("unterminated string");
                }

                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'')
                    {
                        value.Append('\'');
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return new Literal(value.ToString());
                }

                value.Append(text[_at++]);
            }
        }

        if (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '-'))
        {
            var start = _at++;
            while (_at < text.Length && char.IsAsciiDigit(text[_at]))
            {
                _at++;
            }

            return new Literal(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
        }

        // A function name, possibly namespaced (__bicep.name).
        var name = ReadIdentifier();
        while (Peek('.'))
        {
            _at++;
            name += "." + ReadIdentifier();
        }

        Expect('(');
        var arguments = new List<Expr>();
        SkipSpace();
        if (!Peek(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipSpace();
            }
            while (TryTake(','));
        }

        Expect(')');
        return new Call(name, arguments);
    }

    private string ReadIdentifier()
    {
        SkipSpace();
        var start = _at;
        while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or '$'))
        {
            _at++;
        }

        return _at > start ? text[start.._at] : throw Error("identifier expected");
    }

    private bool Peek(char c) => _at < text.Length && text[_at] == c;

    private bool TryTake(char c)
    {
        if (!Peek(c))
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!TryTake(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private void SkipSpace()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string message) => new($"{message} at {_at} in [{text}]");
}
