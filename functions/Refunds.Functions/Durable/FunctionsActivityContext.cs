using Microsoft.DurableTask;

namespace Refunds.Functions.Durable;

/// <summary>The activity's name and its orchestration's instance id, as the Durable Task engine hands them to a TaskActivity.</summary>
public sealed class FunctionsActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
