namespace Refunds.Intacct.Transport;

/// <summary>
/// The request may or may not have been executed (attempt timeout, HTTP 524, connection lost after sending).
/// Whoever sent a write must look at Intacct's state before sending it again.
/// </summary>
internal sealed class IntacctOutcomeUnknownException : Exception
{
    public IntacctOutcomeUnknownException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public IntacctOutcomeUnknownException()
    {
    }

    public IntacctOutcomeUnknownException(string message)
        : base(message)
    {
    }
}
