using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Refunds.Http.Http;

namespace Refunds.Http.Features.DurableManagement;

/// <summary>
/// Durable Functions' instance management API on the local host, on the paths the Functions host serves it
/// (<c>/runtime/webhooks/durabletask/instances...</c>, no <c>/api</c> prefix) and over the same <see cref="DurableTaskClient"/>,
/// so ops list, read, signal, terminate and purge instances the same way in both. It takes the configured management key
/// (<c>code=</c> or <c>x-functions-key</c>), never a bearer token. Under Functions the host's Durable extension serves
/// these paths itself, with its system key, so the Functions app has no functions for them.
/// </summary>
public static class DurableManagementEndpoints
{
    /// <summary>GET: list instances; DELETE: purge instances by creation time and status.</summary>
    public const string InstancesRoute = "runtime/webhooks/durabletask/instances";

    /// <summary>GET: one instance's status; DELETE: purge it.</summary>
    public const string InstanceRoute = "runtime/webhooks/durabletask/instances/{instanceId}";

    public const string TerminateRoute = "runtime/webhooks/durabletask/instances/{instanceId}/terminate";

    public const string RaiseEventRoute = "runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{eventName}";

    public const string SuspendRoute = "runtime/webhooks/durabletask/instances/{instanceId}/suspend";

    public const string ResumeRoute = "runtime/webhooks/durabletask/instances/{instanceId}/resume";

    /// <summary>Carries the next page of a list, in the request and in the answer, as in Durable Functions.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>What a purge may remove: only instances that have ended; one that runs drives its record.</summary>
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Maps the routes on the host's root (not under <c>/api</c>).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapGet(InstancesRoute, ListAsync).WithName("DurableListInstances").Produces<IReadOnlyList<InstanceStatus>>());
        Describe(app.MapDelete(InstancesRoute, PurgeManyAsync).WithName("DurablePurgeInstances").Produces<PurgeAnswer>().ProducesProblem(StatusCodes.Status404NotFound));
        Describe(app.MapGet(InstanceRoute, GetAsync).WithName("DurableGetInstance").Produces<InstanceStatus>().Produces<InstanceStatus>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound));
        Describe(app.MapDelete(InstanceRoute, PurgeOneAsync).WithName("DurablePurgeInstance").Produces<PurgeAnswer>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed));
        Describe(Acting(app.MapPost(TerminateRoute, TerminateAsync).WithName("DurableTerminateInstance")));
        Describe(Acting(app.MapPost(RaiseEventRoute, RaiseEventAsync).WithName("DurableRaiseEvent")));
        Describe(Acting(app.MapPost(SuspendRoute, SuspendAsync).WithName("DurableSuspendInstance")));
        Describe(Acting(app.MapPost(ResumeRoute, ResumeAsync).WithName("DurableResumeInstance")));
    }

    /// <summary>
    /// Query <c>runtimeStatus</c> (comma-separated or repeated), <c>createdTimeFrom</c>, <c>createdTimeTo</c>,
    /// <c>instanceIdPrefix</c>, <c>top</c> (page size, default 100), <c>showInput</c> (default false); the next page's
    /// token comes back in <see cref="ContinuationHeader"/>.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(durable);
        var errors = new Dictionary<string, string[]>();
        var query = context.Request.Query;
        var statuses = Statuses(query, errors);
        var from = Time(query, "createdTimeFrom", errors);
        var to = Time(query, "createdTimeTo", errors);
        var top = 100;
        if (query["top"].FirstOrDefault() is { } topText
            && !(int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top is >= 1 and <= 1000))
        {
            errors["top"] = ["top must be a whole number from 1 to 1000."];
        }

        var showInput = Flag(query, "showInput", false, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var filter = new OrchestrationQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            Statuses = statuses,
            InstanceIdPrefix = query["instanceIdPrefix"].FirstOrDefault(),
            PageSize = top,
            FetchInputsAndOutputs = true,
        };
        var continuation = context.Request.Headers[ContinuationHeader].FirstOrDefault();
        await foreach (var page in durable.GetAllInstancesAsync(filter).AsPages(continuation, top).WithCancellation(cancellationToken))
        {
            if (!string.IsNullOrEmpty(page.ContinuationToken))
            {
                context.Response.Headers[ContinuationHeader] = page.ContinuationToken;
            }

            return Results.Ok(page.Values.Select(i => InstanceStatus.From(i, showInput)).ToList());
        }

        return Results.Ok(Array.Empty<InstanceStatus>());
    }

    /// <summary>200 when the instance has ended, 202 with <c>Location</c> while it runs (as Durable Functions answers); query <c>showInput</c> (default true).</summary>
    public static async Task<IResult> GetAsync(string instanceId, HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(durable);
        var errors = new Dictionary<string, string[]>();
        var showInput = Flag(context.Request.Query, "showInput", true, errors);
        if (Flag(context.Request.Query, "showHistory", false, errors))
        {
            errors["showHistory"] = ["The local host cannot read an instance's history: use a Durable Task tool on the task hub's History table."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is not { } instance)
        {
            return Unknown(instanceId);
        }

        var status = InstanceStatus.From(instance, showInput);
        if (instance.IsCompleted)
        {
            return Results.Ok(status);
        }

        context.Response.Headers.Location = context.Request.Path.Value;
        return Results.Json(status, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Query <c>reason</c>. 202; 404 unknown; 410 when it has ended.</summary>
    public static Task<IResult> TerminateAsync(string instanceId, HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WhileRunningAsync(durable, instanceId, () =>
            durable.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: Reason(context)), cancellationToken), cancellationToken);

    /// <summary>Body: the event's JSON payload. 202; 400 when the body is not JSON; 404 unknown; 410 when it has ended.</summary>
    public static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (payload, problem) = await JsonBody.ReadAsync<JsonNode>(context.Request, optional: false, cancellationToken);
        return problem ?? await WhileRunningAsync(durable, instanceId, () =>
            durable.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    /// <summary>Query <c>reason</c>. 202; 404 unknown; 410 when it has ended.</summary>
    public static Task<IResult> SuspendAsync(string instanceId, HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WhileRunningAsync(durable, instanceId, () =>
            durable.SuspendInstanceAsync(instanceId, Reason(context), cancellationToken), cancellationToken);

    /// <summary>Query <c>reason</c>. 202; 404 unknown; 410 when it has ended.</summary>
    public static Task<IResult> ResumeAsync(string instanceId, HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WhileRunningAsync(durable, instanceId, () =>
            durable.ResumeInstanceAsync(instanceId, Reason(context), cancellationToken), cancellationToken);

    /// <summary>200 <c>{"instancesDeleted": 1}</c>; 404 unknown; 412 while it has not ended (it drives its record).</summary>
    public static async Task<IResult> PurgeOneAsync(string instanceId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not { } instance)
        {
            return Unknown(instanceId);
        }

        if (!instance.IsCompleted)
        {
            return Problems.Status(
                StatusCodes.Status412PreconditionFailed,
                "Instance not ended",
                $"Instance {instanceId} is {instance.RuntimeStatus}: only an instance that has ended can be purged.",
                "instance_not_ended");
        }

        var purged = await durable.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return Results.Ok(new PurgeAnswer(purged.PurgedInstanceCount));
    }

    /// <summary>
    /// Query <c>createdTimeFrom</c> (required), <c>createdTimeTo</c> (default now), <c>runtimeStatus</c> (ended statuses
    /// only; default all three). 200 <c>{"instancesDeleted": n}</c>; 404 when none matched.
    /// </summary>
    public static async Task<IResult> PurgeManyAsync(HttpContext context, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(durable);
        var errors = new Dictionary<string, string[]>();
        var query = context.Request.Query;
        var from = Time(query, "createdTimeFrom", errors);
        if (from is null && !errors.ContainsKey("createdTimeFrom"))
        {
            errors["createdTimeFrom"] = ["createdTimeFrom is required."];
        }

        var to = Time(query, "createdTimeTo", errors);
        var statuses = Statuses(query, errors) ?? Ended;
        if (statuses.Any(s => !Ended.Contains(s)))
        {
            errors["runtimeStatus"] = ["Only instances that have ended (Completed, Failed, Terminated) can be purged."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var purged = await durable.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, statuses), cancellation: cancellationToken);
        return purged.PurgedInstanceCount == 0
            ? Problems.NotFound("No instance that has ended matched the filter.")
            : Results.Ok(new PurgeAnswer(purged.PurgedInstanceCount));
    }

    private static async Task<IResult> WhileRunningAsync(DurableTaskClient durable, string instanceId, Func<Task> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not { } instance)
        {
            return Unknown(instanceId);
        }

        if (instance.IsCompleted)
        {
            return Problems.Status(StatusCodes.Status410Gone, "Instance ended", $"Instance {instanceId} has ended ({instance.RuntimeStatus}).", "instance_ended");
        }

        await act();
        return Results.Accepted();
    }

    private static IResult Unknown(string instanceId) => Problems.NotFound($"Instance {instanceId} was not found in this task hub.");

    private static string? Reason(HttpContext context) => context.Request.Query["reason"].FirstOrDefault();

    private static OrchestrationRuntimeStatus[]? Statuses(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var names = query["runtimeStatus"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in names)
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) && !int.TryParse(name, out _))
            {
                statuses.Add(status);
            }
            else
            {
                errors["runtimeStatus"] = ["runtimeStatus must name Pending, Running, Suspended, Completed, Failed or Terminated (comma-separated)."];
            }
        }

        return [.. statuses];
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (query[name].FirstOrDefault() is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        errors[name] = [$"{name} must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z."];
        return null;
    }

    private static bool Flag(IQueryCollection query, string name, bool absent, Dictionary<string, string[]> errors)
    {
        if (query[name].FirstOrDefault() is not { Length: > 0 } text)
        {
            return absent;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be true or false."];
        return absent;
    }

    private static RouteHandlerBuilder Acting(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status410Gone);

    private static void Describe(RouteHandlerBuilder endpoint) => endpoint
        .AllowAnonymous()
        .AddEndpointFilter<ManagementKeyFilter>()
        .WithMetadata(ManagementKeyMetadata.Instance)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
