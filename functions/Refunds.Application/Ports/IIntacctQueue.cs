namespace Refunds.Application.Ports;

/// <summary>Asks for the Intacct reversal of a settled workflow; handled only while its reversal is pending.</summary>
public sealed record IntacctReversalMessage(string OrganizationId, string RefundId);

public interface IIntacctQueue
{
    Task EnqueueAsync(IntacctReversalMessage message, TimeSpan delay, CancellationToken cancellationToken);
}
