namespace Refunds.TestSupport;

public sealed class AzuriteStartException : Exception
{
    public AzuriteStartException()
    {
    }

    public AzuriteStartException(string message)
        : base(message)
    {
    }

    public AzuriteStartException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
