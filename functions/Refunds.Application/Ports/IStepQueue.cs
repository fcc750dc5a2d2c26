namespace Refunds.Application.Ports;

/// <summary>Asks for step <paramref name="Sequence"/> of a workflow to run; any other sequence is stale.</summary>
public sealed record StepMessage(string OrganizationId, string RefundId, int Sequence);

public interface IStepQueue
{
    /// <summary>Sends the message, invisible for <paramref name="delay"/> (at most 7 days; a timer longer than that re-arms itself).</summary>
    Task EnqueueAsync(StepMessage message, TimeSpan delay, CancellationToken cancellationToken);
}
