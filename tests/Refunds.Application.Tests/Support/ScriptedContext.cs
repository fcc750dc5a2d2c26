using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Refunds.Application.Tests.Support;

/// <summary>One execution's <see cref="TaskOrchestrationContext"/>: a continue-as-new gets a fresh one, as in Durable.</summary>
internal sealed class ScriptedContext : TaskOrchestrationContext
{
    private readonly ScriptedOrchestration _script;
    private readonly object? _input;

    // Durable matches event names case-insensitively and hands an event to the newest open wait of its name.
    private readonly Dictionary<string, Stack<IWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RaisedEvent> _buffer = [];
    private readonly Queue<RaisedEvent> _inFlight;
    private readonly List<ScriptedTimer> _timers = [];
    private bool _preserveEvents;
    private int _taskIds;
    private int _guids;

    public ScriptedContext(ScriptedOrchestration script, TaskName name, object? input, IReadOnlyList<RaisedEvent> carried)
    {
        _script = script;
        _input = input;
        Name = name;
        _inFlight = new Queue<RaisedEvent>(carried);
    }

    public override TaskName Name { get; }

    public override string InstanceId => _script.InstanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _script.Now;

    public override bool IsReplaying => false;

    /// <summary>The next execution's input as JSON, once this one continued as new.</summary>
    public string? ContinuedAsInput { get; private set; }

    /// <summary>Events addressed to the instance that this execution did not take: the next execution receives them.</summary>
    public IReadOnlyList<RaisedEvent> Carried => [.. _inFlight];

    public bool IsWaiting => _timers.Exists(t => !t.Source.Task.IsCompleted) || _waiters.Values.Any(s => s.Any(w => !w.IsCompleted));

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)_input!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        _script.Record($"call {name.Name}");
        _script.RecordCall(new ActivityCall(name.Name, input, options));
        var answer = _script.NextAnswer(name.Name);
        foreach (var signal in answer.Meanwhile)
        {
            _script.Record($"raised {signal.GetType().Name}");
            Deliver(new RaisedEvent(signal.GetType().Name, Json.Serialize(signal)));
        }

        return answer.Failure is { } failure
            ? Task.FromException<TResult>(new TaskFailedException(name.Name, ++_taskIds, failure))
            : Task.FromResult(Json.Deserialize<TResult>(Json.Serialize(answer.Result)));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new ScriptedTimer(fireAt.ToUniversalTime());
        _script.Record($"timer {ScriptedOrchestration.Offset(timer.FireAt)}");
        _timers.Add(timer);
        cancellationToken.Register(() => timer.Source.TrySetCanceled(cancellationToken));
        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        _script.Record($"wait {eventName}");
        var waiter = new Waiter<T>();
        if (!_waiters.TryGetValue(eventName, out var stack))
        {
            _waiters[eventName] = stack = new Stack<IWaiter>();
        }
        else if (stack.TryPeek(out var existing) && existing.EventType != typeof(T))
        {
            throw new ArgumentException($"Events named {eventName} are awaited as {existing.EventType.Name} already, not {typeof(T).Name}.");
        }

        stack.Push(waiter);
        var buffered = _buffer.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var raised = _buffer[buffered];
            _buffer.RemoveAt(buffered);
            Deliver(raised);
        }

        cancellationToken.Register(() => waiter.Cancel(cancellationToken));
        return waiter.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        if (!string.Equals(instanceId, InstanceId, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"The script knows only instance {InstanceId}, not {instanceId}.");
        }

        _script.Record($"sent {eventName} to itself");
        _inFlight.Enqueue(new RaisedEvent(eventName, Json.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus) => _script.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("The refund stories start no sub-orchestrations.");

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        _script.Record("continue-as-new");
        ContinuedAsInput = Json.Serialize(newInput);
        if (preserveUnprocessedEvents)
        {
            // Durable re-sends the events nobody waited for to the instance, and forwards those that arrive later.
            _preserveEvents = true;
            foreach (var buffered in _buffer)
            {
                _inFlight.Enqueue(buffered);
            }

            _buffer.Clear();
        }
    }

    public override Guid NewGuid() => new(++_guids, 0, 0, new byte[8]);

    /// <summary>The event goes to the newest open wait of its name; without one it waits in the buffer.</summary>
    /// <remarks>A canceled wait still takes the event and drops it, as Durable's does.</remarks>
    public void Deliver(RaisedEvent raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var stack) && stack.TryPop(out var waiter))
        {
            waiter.Complete(raised.Json);
        }
        else if (_preserveEvents)
        {
            _inFlight.Enqueue(raised);
        }
        else
        {
            _buffer.Add(raised);
        }
    }

    /// <summary>Delivers the oldest event already on its way to the instance; false when there is none.</summary>
    public bool TryDeliverInFlight()
    {
        if (ContinuedAsInput is not null || !_inFlight.TryDequeue(out var raised))
        {
            return false;
        }

        _script.Record($"redelivered {raised.Name}");
        Deliver(raised);
        return true;
    }

    public void FireNextTimer()
    {
        var timer = _timers.Where(t => !t.Source.Task.IsCompleted).MinBy(t => t.FireAt)
            ?? throw new ScriptException($"The script says a timer fires, but the orchestration waits only for {DescribeWaits()}.");
        _script.AdvanceTo(timer.FireAt);
        _script.Record("timer fired");
        timer.Source.TrySetResult();
    }

    public string DescribeWaits() => string.Join(
        ", ",
        _timers.Where(t => !t.Source.Task.IsCompleted).Select(t => $"timer {ScriptedOrchestration.Offset(t.FireAt)}")
            .Concat(_waiters.Where(w => w.Value.Any(x => !x.IsCompleted)).Select(w => w.Key)));

    private interface IWaiter
    {
        Type EventType { get; }

        bool IsCompleted { get; }

        void Complete(string json);
    }

    // Waits and timers complete inline, on the driver's thread: a continuation sent to the thread pool would run
    // after the driver had already decided the orchestration is blocked.
    private sealed class Waiter<T> : IWaiter
    {
        private readonly TaskCompletionSource<T> _source = new();

        public Type EventType => typeof(T);

        public bool IsCompleted => _source.Task.IsCompleted;

        public Task<T> Task => _source.Task;

        public void Complete(string json) => _source.TrySetResult(Json.Deserialize<T>(json));

        public void Cancel(CancellationToken cancellationToken) => _source.TrySetCanceled(cancellationToken);
    }

    private sealed class ScriptedTimer(DateTime fireAt)
    {
        public DateTime FireAt { get; } = fireAt;

        public TaskCompletionSource Source { get; } = new();
    }
}
