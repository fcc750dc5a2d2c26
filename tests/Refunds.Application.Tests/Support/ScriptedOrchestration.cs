using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;

namespace Refunds.Application.Tests.Support;

/// <summary>
/// Runs an orchestrator the way Durable would, with a script in place of the task hub: each activity answers from its
/// own queue (a result, or a failure through its retry policy), and each time the orchestration blocks the next
/// scripted outcome happens (its timer fires, or a signal arrives). A continue-as-new runs the orchestrator again with
/// the new input, as Durable does, until an execution ends without one. Everything the orchestration does lands in
/// one <see cref="Trace"/>, in order, so a test asserts the exact story.
/// </summary>
/// <remarks>
/// What Durable does that matters here and is copied: inputs, outputs and event payloads cross a JSON boundary; an
/// event goes to the newest open wait of its name (durabletask-dotnet 1.18+) or is buffered until one opens; buffered
/// events survive a continue-as-new that preserves them; events an execution sends to itself reach the next one. What
/// is left out: replay (the orchestrator runs once per execution) and activity retries (a scripted failure is the
/// failure after the last retry).
/// </remarks>
public sealed class ScriptedOrchestration
{
    /// <summary>The clock at the first execution's start; timers in the trace are relative to it.</summary>
    public static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    // A story that keeps continuing as new or blocking without end is a bug; these bound the run instead of hanging.
    private const int MaxExecutions = 50;
    private const int MaxBlocks = 200;

    private readonly Dictionary<string, Queue<ActivityAnswer>> _answers = new(StringComparer.Ordinal);
    private readonly Queue<WaitOutcome> _outcomes = new();
    private readonly List<string> _trace = [];
    private readonly List<ActivityCall> _calls = [];
    private readonly List<object?> _inputs = [];

    public ScriptedOrchestration(string instanceId = "rf_1")
    {
        InstanceId = instanceId;
    }

    public string InstanceId { get; }

    /// <summary>Every call, timer, wait, outcome and continue-as-new, in the order they happened.</summary>
    public IReadOnlyList<string> Trace => _trace;

    /// <summary>The activity calls with their inputs and options, in order.</summary>
    public IReadOnlyList<ActivityCall> Calls => _calls;

    /// <summary>Each execution's input, as the orchestrator received it.</summary>
    public IReadOnlyList<object?> Inputs => _inputs;

    /// <summary>The custom status last set, as Durable would store it (after the JSON boundary).</summary>
    public JsonElement? CustomStatus { get; private set; }

    public DateTime Now { get; private set; } = Start;

    /// <summary>The next call of <paramref name="activity"/> returns <paramref name="result"/>.</summary>
    /// <param name="meanwhile">Signals that arrive while the activity runs, before its result.</param>
    public ScriptedOrchestration Answer(string activity, object result, params object[] meanwhile) =>
        Enqueue(activity, new ActivityAnswer(result, Failure: null, meanwhile));

    /// <summary>The next call of <paramref name="activity"/> fails after its last retry.</summary>
    public ScriptedOrchestration Fail(string activity) =>
        Enqueue(activity, new ActivityAnswer(null, new InvalidOperationException($"{activity} failed (scripted)."), []));

    /// <summary>At the next block, the open timer fires and the clock moves to its time.</summary>
    public ScriptedOrchestration TimerFires()
    {
        _outcomes.Enqueue(new WaitOutcome(Signal: null));
        return this;
    }

    /// <summary>At the next block, <paramref name="signal"/> is raised by its type's name, as the app raises signals.</summary>
    public ScriptedOrchestration Raise(object signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _outcomes.Enqueue(new WaitOutcome(signal));
        return this;
    }

    /// <summary>Runs executions until one ends without continuing as new; returns that execution's output.</summary>
    /// <exception cref="ScriptException">The orchestration strayed from the script, or left some of it unused.</exception>
    public TOutput Run<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, TInput input)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        var json = Json.Serialize(input);
        IReadOnlyList<RaisedEvent> carried = [];
        for (var execution = 0; execution < MaxExecutions; execution++)
        {
            var typedInput = Json.Deserialize<TInput>(json);
            _inputs.Add(typedInput);
            var context = new ScriptedContext(this, new TaskName(orchestrator.GetType().Name), typedInput, carried);
            var output = Drive(() => orchestrator.RunAsync(context, typedInput), context);
            if (context.ContinuedAsInput is not { } next)
            {
                EnsureScriptUsed();
                return Json.Deserialize<TOutput>(Json.Serialize(output));
            }

            json = next;
            carried = context.Carried;
        }

        throw new ScriptException($"The orchestration continued as new {MaxExecutions} times without ending.");
    }

    internal void Record(string entry) => _trace.Add(entry);

    internal void RecordCall(ActivityCall call) => _calls.Add(call);

    internal void SetCustomStatus(object? status) =>
        CustomStatus = status is null ? null : JsonDocument.Parse(Json.Serialize(status)).RootElement.Clone();

    internal void AdvanceTo(DateTime time)
    {
        if (time > Now)
        {
            Now = time;
        }
    }

    internal ActivityAnswer NextAnswer(string activity) =>
        _answers.TryGetValue(activity, out var queue) && queue.TryDequeue(out var answer)
            ? answer
            : throw new ScriptException($"{activity} was called but the script has no (more) answers for it. Trace so far:\n{string.Join("\n", _trace)}");

    /// <summary>"+6h", "+30s", "+1d2h": a time relative to <see cref="Start"/>, as the trace shows it.</summary>
    public static string Offset(DateTime time)
    {
        var span = (time - Start).Duration();
        var parts = new List<string>();
        if (span.Days != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        if (span.Minutes != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m"));
        }

        if (span.Seconds != 0 || span.Milliseconds != 0 || parts.Count == 0)
        {
            parts.Add(span.Milliseconds == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}.{span.Milliseconds:000}s"));
        }

        return (time < Start ? "-" : "+") + string.Concat(parts);
    }

    private ScriptedOrchestration Enqueue(string activity, ActivityAnswer answer)
    {
        if (!_answers.TryGetValue(activity, out var queue))
        {
            _answers[activity] = queue = new Queue<ActivityAnswer>();
        }

        queue.Enqueue(answer);
        return this;
    }

    /// <summary>
    /// Runs one execution on a single-threaded pump, as Durable runs orchestrator code: continuations queue up and run
    /// on this thread, so "nothing left to run and not finished" means the orchestration is blocked on a timer or an event.
    /// </summary>
    private T Drive<T>(Func<Task<T>> start, ScriptedContext context)
    {
        var pump = new Pump();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            var task = start();
            pump.Drain();
            for (var blocks = 0; !task.IsCompleted; blocks++)
            {
                if (blocks == MaxBlocks)
                {
                    throw new ScriptException($"The orchestration blocked {MaxBlocks} times in one execution.");
                }

                Unblock(context);
                pump.Drain();
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Events already on their way (sent or carried over) arrive first; then the script's next outcome happens.</summary>
    private void Unblock(ScriptedContext context)
    {
        if (context.ContinuedAsInput is not null)
        {
            throw new ScriptException("The orchestration went on waiting after it continued as new.");
        }

        if (!context.IsWaiting)
        {
            throw new ScriptException("The orchestration awaits something that is neither a timer nor an external event.");
        }

        if (context.TryDeliverInFlight())
        {
            return;
        }

        if (!_outcomes.TryDequeue(out var outcome))
        {
            throw new ScriptException($"The orchestration waits ({context.DescribeWaits()}) but the script says nothing more happens. Trace:\n{string.Join("\n", _trace)}");
        }

        if (outcome.Signal is { } signal)
        {
            Record($"raised {signal.GetType().Name}");
            context.Deliver(new RaisedEvent(signal.GetType().Name, Json.Serialize(signal)));
        }
        else
        {
            context.FireNextTimer();
        }
    }

    private void EnsureScriptUsed()
    {
        var unused = _answers.Where(a => a.Value.Count > 0).Select(a => $"{a.Value.Count} answer(s) of {a.Key}")
            .Concat(_outcomes.Select(o => o.Signal is null ? "a timer firing" : $"raising {o.Signal.GetType().Name}"))
            .ToList();
        if (unused.Count > 0)
        {
            throw new ScriptException($"The orchestration ended with the script partly unused: {string.Join(", ", unused)}. Trace:\n{string.Join("\n", _trace)}");
        }
    }

    internal sealed record ActivityAnswer(object? Result, Exception? Failure, IReadOnlyList<object> Meanwhile);

    private sealed record WaitOutcome(object? Signal);

    /// <summary>Continuations posted here run when the driver drains, on the driver's thread, in order.</summary>
    private sealed class Pump : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();

        public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Orchestrations never block a thread.");

        public override SynchronizationContext CreateCopy() => this;

        public void Drain()
        {
            while (_work.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
    }
}

/// <summary>One activity call as the orchestrator made it.</summary>
public sealed record ActivityCall(string Name, object? Input, TaskOptions? Options);

/// <summary>An event on its way to an instance: its name and its payload as JSON.</summary>
internal sealed record RaisedEvent(string Name, string Json);

/// <summary>The orchestration did something the script did not foresee, or left part of the script unused.</summary>
public sealed class ScriptException : Exception
{
    public ScriptException()
    {
    }

    public ScriptException(string message)
        : base(message)
    {
    }

    public ScriptException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Durable's default data converter is System.Text.Json with default options.</summary>
internal static class Json
{
    public static string Serialize(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object));

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json)!;

    public static object? Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type);
}
