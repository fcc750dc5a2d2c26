using DurableTask.Core;
using DurableTask.Core.Middleware;

namespace Refunds.DurableHost.Tasks;

/// <summary>Disposes an orchestration episode's DI scope once DurableTask.Core has run the episode.</summary>
internal static class OrchestrationScopeMiddleware
{
    public static async Task DisposeScopeAfterEpisode(DispatchMiddlewareContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        finally
        {
            if (context.GetProperty<TaskOrchestration>() is ScopedOrchestration orchestration)
            {
                await orchestration.DisposeScopeAsync();
            }
        }
    }
}
