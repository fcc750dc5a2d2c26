using Microsoft.DurableTask;

namespace Refunds.Benchmarks.Durable;

/// <summary>
/// The smallest orchestration with the refund flow's shape: two activities one after the other, each doing no work,
/// so that what is timed is the Durable Task engine (queues, history, instance table) and nothing else.
/// </summary>
public sealed class PingPongOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var first = await context.CallActivityAsync<string>(nameof(PingActivity), input);
        return await context.CallActivityAsync<string>(nameof(PongActivity), first);
    }
}

public sealed class PingActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + ":ping");
}

public sealed class PongActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + ":pong");
}
