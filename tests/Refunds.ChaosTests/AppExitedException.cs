namespace Refunds.ChaosTests;

/// <summary>The app process ended before it answered its health check.</summary>
public sealed class AppExitedException : Exception
{
    public AppExitedException()
    {
    }

    public AppExitedException(string message)
        : base(message)
    {
    }

    public AppExitedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
