using Microsoft.Extensions.Options;

namespace Refunds.Application.Workflow;

/// <summary>
/// The one loop of optimistic concurrency: read with ETags, decide on what is stored, commit under those ETags, and
/// when a concurrent writer won, read and decide again on what it left. A decision is never made on stale state.
/// </summary>
public sealed class ConflictRetry(IOptions<WorkflowOptions> options)
{
    /// <param name="subject">What kept changing, for the exception after the last attempt (e.g. "Refund r_1").</param>
    public async Task<T> UntilCommittedAsync<T>(string subject, Func<CancellationToken, Task<Attempt<T>>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var i = 0; i < options.Value.MaxConflictRetries; i++)
        {
            if (await attempt(cancellationToken) is Attempt<T>.Done done)
            {
                return done.Value;
            }
        }

        throw new WorkflowConflictException($"{subject} kept changing under concurrent writers; try again.");
    }
}

/// <summary>One read-decide-commit attempt: done with a result, or lost to a concurrent writer.</summary>
public abstract record Attempt<T>
{
    private Attempt()
    {
    }

    public static implicit operator Attempt<T>(T value) => new Done(value);

    public sealed record Done(T Value) : Attempt<T>;

    public sealed record LostRace : Attempt<T>;
}

public static class Attempt
{
    /// <summary>A concurrent writer won: read and decide again.</summary>
    public static Attempt<T> Lost<T>() => new Attempt<T>.LostRace();
}

/// <summary>Thrown when a record kept changing through every attempt: transient, so the caller's retry applies.</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);
