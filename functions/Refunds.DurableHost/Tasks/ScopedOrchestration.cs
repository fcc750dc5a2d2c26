using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Refunds.DurableHost.Tasks;

/// <summary>
/// One orchestration episode (DurableTask.Core replays the history into a new object per work item): a fresh DI scope,
/// the SDK orchestrator class resolved in it, run through the SDK's shim. The episode's code has finished when the
/// dispatcher's middleware regains control, and only then is the scope disposed (<see cref="OrchestrationScopeMiddleware"/>);
/// the orchestrator's own task stays pending across episodes, so it cannot tell us.
/// </summary>
internal sealed class ScopedOrchestration(string name, Type orchestratorType, IServiceProvider services, DurableTaskShimFactory shims) : TaskOrchestration
{
    private AsyncServiceScope? _scope;
    private TaskOrchestration? _shim;

    private TaskOrchestration Shim => _shim ?? throw new InvalidOperationException($"Orchestration '{name}' was used before {nameof(Execute)}.");

    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        _scope = services.CreateAsyncScope();
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(_scope.Value.ServiceProvider, orchestratorType);
        _shim = shims.CreateOrchestration(new TaskName(name), orchestrator);
        return _shim.Execute(context, input);
    }

    public override string GetStatus() => Shim.GetStatus();

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => Shim.RaiseEvent(context, name, input);

    public ValueTask DisposeScopeAsync()
    {
        var scope = _scope;
        _scope = null;
        return scope?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
