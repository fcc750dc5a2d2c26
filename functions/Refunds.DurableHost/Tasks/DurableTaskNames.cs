using System.Reflection;
using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tasks;

/// <summary>
/// The SDK's naming rule: a task is called by its class name unless [DurableTask("name")] says otherwise, so the names
/// here match the Functions app's [OrchestrationTrigger]/[ActivityTrigger] names for the same classes.
/// </summary>
public static class DurableTaskNames
{
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<DurableTaskAttribute>();
        return attribute is not null && !string.IsNullOrEmpty(attribute.Name.Name) ? attribute.Name.Name : type.Name;
    }

    public static string Of<T>() => Of(typeof(T));
}
