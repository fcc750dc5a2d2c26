using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Refunds.IntegrationTests.Operations;

/// <summary>
/// Everything the app hands to OpenTelemetry, copied as text when emitted (the SDK reuses its log records),
/// so a test sees what an exporter would send.
/// </summary>
public sealed class TelemetryCapture
{
    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    public ConcurrentQueue<CapturedSpan> Spans { get; } = new();

    public void Register(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddProcessor(new LogProcessor(this)));
        builder.Services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddProcessor(new SpanProcessor(this)));
    }

    /// <summary>All captured text, for searching for things that must never be there.</summary>
    public string AllText() =>
        string.Join('\n', Logs.Select(log => log.Text)) + '\n' +
        string.Join('\n', Spans.SelectMany(span => span.Tags.Select(tag => $"{span.Name} {tag.Key}={tag.Value}")));

    private sealed class LogProcessor(TelemetryCapture capture) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var scopes = new List<KeyValuePair<string, string?>>();
            data.ForEachScope((scope, state) =>
            {
                foreach (var item in scope)
                {
                    state.Add(new KeyValuePair<string, string?>(item.Key, item.Value?.ToString()));
                }
            }, scopes);
            var attributes = data.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? [];
            var text = string.Join(' ', [data.CategoryName, data.FormattedMessage, .. attributes, .. scopes.Select(s => $"{s.Key}={s.Value}"), data.Exception?.ToString()]);
            capture.Logs.Enqueue(new CapturedLog(data.CategoryName ?? "", data.LogLevel, data.FormattedMessage ?? "", scopes, text));
        }
    }

    private sealed class SpanProcessor(TelemetryCapture capture) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) =>
            capture.Spans.Enqueue(new CapturedSpan(data.Source.Name, data.OperationName, data.TagObjects.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value?.ToString())).ToList()));
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Scopes, string Text)
{
    public string? Scope(string key) => Scopes.LastOrDefault(s => s.Key == key).Value;
}

public sealed record CapturedSpan(string Source, string Name, IReadOnlyList<KeyValuePair<string, string?>> Tags)
{
    public string? Tag(string key) => Tags.LastOrDefault(t => t.Key == key).Value;
}
