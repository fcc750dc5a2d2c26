namespace Refunds.DurableHost.Tests.Workflow;

/// <summary>A scoped service that counts how many were created and disposed, to see the host's DI scopes.</summary>
public sealed class ScopeProbe : IDisposable
{
    private static int s_created;
    private static int s_disposed;

    public ScopeProbe() => Interlocked.Increment(ref s_created);

    public static int Created => Volatile.Read(ref s_created);

    public static int Disposed => Volatile.Read(ref s_disposed);

    public void Dispose() => Interlocked.Increment(ref s_disposed);
}

/// <summary>An orchestrator and an activity that each take the scoped probe.</summary>
public sealed class ProbedOrchestrator(ScopeProbe probe) : Microsoft.DurableTask.TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(Microsoft.DurableTask.TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        GC.KeepAlive(probe);
        return await context.CallActivityAsync<string>(nameof(ProbedActivity), input);
    }
}

public sealed class ProbedActivity(ScopeProbe probe) : Microsoft.DurableTask.TaskActivity<string, string>
{
    public override Task<string> RunAsync(Microsoft.DurableTask.TaskActivityContext context, string input)
    {
        GC.KeepAlive(probe);
        return Task.FromResult(input + "!");
    }
}
