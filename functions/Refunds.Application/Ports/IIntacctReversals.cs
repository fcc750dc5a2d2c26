namespace Refunds.Application.Ports;

/// <summary>
/// Reverses an AR payment in Sage Intacct. Transient trouble throws <see cref="IntacctUnavailableException"/>;
/// business outcomes are returned. Kept behind this port so the REST API can replace the XML gateway.
/// </summary>
public interface IIntacctReversals
{
    Task<IntacctReversalOutcome> ReverseArPaymentAsync(IntacctReversalRequest request, CancellationToken cancellationToken);
}

/// <param name="ArPaymentKey">ARPYMT RECORDNO.</param>
/// <param name="ControlId">Deterministic per refund, so a resend is recognised as a duplicate.</param>
/// <param name="ReversalDate">Never before the payment date.</param>
public sealed record IntacctReversalRequest(
    string OrganizationId,
    string RefundId,
    string ArPaymentKey,
    string ControlId,
    DateOnly ReversalDate,
    string Description);

public abstract record IntacctReversalOutcome
{
    private IntacctReversalOutcome()
    {
    }

    public sealed record Reversed(bool WasDuplicate) : IntacctReversalOutcome;

    public sealed record Failed(string ErrorNumber, string Description) : IntacctReversalOutcome;
}

public sealed class IntacctUnavailableException : Exception
{
    public IntacctUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public IntacctUnavailableException()
    {
    }

    public IntacctUnavailableException(string message)
        : base(message)
    {
    }
}
