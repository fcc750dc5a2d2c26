using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tests.Workflow;

public sealed record FlakyRequest(int FailuresBeforeSuccess, int MaxAttempts);

/// <summary>Calls an activity that fails transiently, under a retry policy.</summary>
public sealed class FlakyOrchestrator : TaskOrchestrator<FlakyRequest, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, FlakyRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: input.MaxAttempts,
            firstRetryInterval: TimeSpan.FromMilliseconds(100),
            backoffCoefficient: 1.0));
        return context.CallActivityAsync<int>(nameof(FlakyActivity), input, retry);
    }
}

/// <summary>Fails its first N attempts per instance, then answers the attempt number.</summary>
public sealed class FlakyActivity : TaskActivity<FlakyRequest, int>
{
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    public override Task<int> RunAsync(TaskActivityContext context, FlakyRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var attempt = Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        return attempt <= input.FailuresBeforeSuccess
            ? throw new TimeoutException($"Transient failure {attempt} of {input.FailuresBeforeSuccess}.")
            : Task.FromResult(attempt);
    }
}
