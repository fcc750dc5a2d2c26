using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tasks;

/// <summary>The orchestrator and activity classes the host runs, by task name.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    internal IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    internal IReadOnlyDictionary<string, Type> Activities => _activities;

    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
    {
        Add(_orchestrators, typeof(TOrchestrator), "orchestrator");
        return this;
    }

    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
    {
        Add(_activities, typeof(TActivity), "activity");
        return this;
    }

    /// <summary>As <see cref="AddOrchestrator{TOrchestrator}"/>, for a type known only at run time.</summary>
    public DurableTaskRegistry AddOrchestrator(Type orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        Require<ITaskOrchestrator>(orchestrator);
        Add(_orchestrators, orchestrator, "orchestrator");
        return this;
    }

    /// <summary>As <see cref="AddActivity{TActivity}"/>, for a type known only at run time.</summary>
    public DurableTaskRegistry AddActivity(Type activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Require<ITaskActivity>(activity);
        Add(_activities, activity, "activity");
        return this;
    }

    /// <summary>
    /// Runs another class under the name <paramref name="orchestrator"/> declares with <c>[DurableTask]</c>, in place of
    /// the class registered under it: how a test runs a previous shape of an orchestrator, as an older deployment would.
    /// </summary>
    public DurableTaskRegistry ReplaceOrchestrator(Type orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        Require<ITaskOrchestrator>(orchestrator);
        var name = DurableTaskNames.Of(orchestrator);
        if (!_orchestrators.ContainsKey(name))
        {
            throw new InvalidOperationException($"No orchestrator is named '{name}': nothing to replace.");
        }

        _orchestrators[name] = orchestrator;
        return this;
    }

    private static void Require<TTask>(Type type)
    {
        if (!type.IsClass || type.IsAbstract || !typeof(TTask).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} is not a concrete {typeof(TTask).Name}.", nameof(type));
        }
    }

    // Case-insensitive like the SDK's registry: two classes differing only in case would be one name to Functions.
    private static void Add(Dictionary<string, Type> tasks, Type type, string kind)
    {
        var name = DurableTaskNames.Of(type);
        if (tasks.TryGetValue(name, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Two {kind}s are named '{name}': {existing.FullName} and {type.FullName}.");
        }

        tasks[name] = type;
    }
}
