using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tests.Workflow;

/// <summary>One activity that the crash test can leave hanging in a worker it then throws away.</summary>
public sealed class CrashOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.CallActivityAsync<string>(nameof(CrashProneActivity), input);
        return "done:" + result;
    }
}

/// <summary>Counts its runs per instance; while <see cref="HangFirstRun"/> is set, its first run never returns, like a process that died mid-activity.</summary>
public sealed class CrashProneActivity : TaskActivity<string, string>
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> FirstRunStarted = new();

    // Never completed: the abandoned run stays suspended until the test process exits.
    private static readonly TaskCompletionSource Never = new();

    private static volatile bool s_hangFirstRun;

    public static bool HangFirstRun
    {
        get => s_hangFirstRun;
        set => s_hangFirstRun = value;
    }

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = Runs.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        if (run == 1 && HangFirstRun)
        {
            FirstRunStarted.GetOrAdd(context.InstanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Never.Task;
        }

        return $"{input}@run{run}";
    }
}
