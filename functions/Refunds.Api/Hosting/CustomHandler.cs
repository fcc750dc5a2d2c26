using System.Text.Json;
using Refunds.Application.Workflow;

namespace Refunds.Api.Hosting;

/// <summary>
/// The Azure Functions custom handler protocol for non-HTTP triggers: the host POSTs
/// <c>{Data, Metadata}</c> to <c>/{FunctionName}</c> and reads <c>{Outputs, Logs, ReturnValue}</c>;
/// any non-2xx answer makes the host retry the message, then move it to the poison queue.
/// </summary>
public static class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    // The host reads the documented PascalCase names; the API's camelCase policy must not apply here.
    private static readonly JsonSerializerOptions InvocationJson = new();

    public static string? Port(IConfiguration configuration) => configuration[PortVariable];

    /// <summary>
    /// The trigger routes change state and carry no credentials (the host sends none), so they exist only under the
    /// Functions host, which reaches the handler over loopback; a standalone app, the one reachable from outside,
    /// has no such routes at all, and a call from anywhere but loopback is refused in either mode.
    /// </summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (HostingServices.IsStandalone(app.Configuration))
        {
            return;
        }

        var host = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } caller && System.Net.IPAddress.IsLoopback(caller)
                ? await next(context)
                : Http.Problems.NotFound("No such route."));
        MapTriggers(host);
    }

    private static void MapTriggers(RouteGroupBuilder app)
    {
        app.MapPost("/RefundStep", async (HttpRequest request, StepMessageHandler handler, CancellationToken ct) =>
            await InvokeAsync(request, body => handler.HandleAsync(body, ct), ct)).ExcludeFromDescription();
        app.MapPost("/StripeEvent", async (HttpRequest request, StripeEventMessageHandler handler, CancellationToken ct) =>
            await InvokeAsync(request, body => handler.HandleAsync(body, ct), ct)).ExcludeFromDescription();
        app.MapPost("/IntacctReversal", async (HttpRequest request, IntacctMessageHandler handler, CancellationToken ct) =>
            await InvokeAsync(request, body => handler.HandleAsync(body, ct), ct)).ExcludeFromDescription();
        app.MapPost("/Sweeper", async (HttpRequest request, StalledWorkflowSweeper sweeper, CancellationToken ct) =>
            await InvokeAsync(request, _ => sweeper.SweepAsync(ct), ct)).ExcludeFromDescription();
    }

    private static async Task<IResult> InvokeAsync(HttpRequest request, Func<string, Task> handle, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var payload = FirstBinding(document.RootElement);
        try
        {
            await handle(payload);
            return Results.Json(new { Outputs = new { }, Logs = Array.Empty<string>(), ReturnValue = (object?)null }, InvocationJson);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Json(
                new { Outputs = new { }, Logs = new[] { $"{ex.GetType().Name}: {ex.Message}" }, ReturnValue = (object?)null },
                InvocationJson,
                statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The trigger's binding value: a queue message arrives as a JSON string or, if it parsed as JSON, an object.</summary>
    private static string FirstBinding(JsonElement root)
    {
        if (!root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        foreach (var binding in data.EnumerateObject())
        {
            return binding.Value.ValueKind == JsonValueKind.String ? binding.Value.GetString() ?? "" : binding.Value.GetRawText();
        }

        return "";
    }
}
