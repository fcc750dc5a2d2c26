using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Refunds.DurableHost.Tasks;

/// <summary>
/// One activity execution: a fresh DI scope, the SDK activity class resolved in it, run through the SDK's shim (which
/// deserializes the input and turns exceptions into failure details exactly as the Durable Functions worker does).
/// </summary>
internal sealed class ScopedActivity(string name, Type activityType, IServiceProvider services, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException($"{nameof(ScopedActivity)} runs asynchronously only; DurableTask.Core calls {nameof(RunAsync)}.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = services.CreateAsyncScope();
        var activity = (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, activityType);
        return await shims.CreateActivity(new TaskName(name), activity).RunAsync(context, input);
    }
}
