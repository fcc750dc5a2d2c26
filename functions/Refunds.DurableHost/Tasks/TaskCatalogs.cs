using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace Refunds.DurableHost.Tasks;

/// <summary>
/// DurableTask.Core looks tasks up by name and version; the SDK (and Durable Functions) by name only, passing the
/// version to the code. These catalogs answer by name so a client that sets a version still reaches the class.
/// Returning null for an unknown name lets DurableTask.Core report its own "not found" failure.
/// </summary>
internal sealed class OrchestrationCatalog(DurableTaskRegistry registry, IServiceProvider services, DurableTaskShimFactory shims)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException($"Register orchestrators with {nameof(DurableTaskRegistry)}.{nameof(DurableTaskRegistry.AddOrchestrator)}.");

    public TaskOrchestration? GetObject(string name, string? version) =>
        registry.Orchestrators.TryGetValue(name, out var type) ? new ScopedOrchestration(name, type, services, shims) : null;
}

internal sealed class ActivityCatalog(DurableTaskRegistry registry, IServiceProvider services, DurableTaskShimFactory shims)
    : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException($"Register activities with {nameof(DurableTaskRegistry)}.{nameof(DurableTaskRegistry.AddActivity)}.");

    public TaskActivity? GetObject(string name, string? version) =>
        registry.Activities.TryGetValue(name, out var type) ? new ScopedActivity(name, type, services, shims) : null;
}
