using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Refunds.Domain.Common;

namespace Refunds.Application.Reconciliation;

/// <summary>An operator asks for a run over a window, of one connected account or of every account active in it.</summary>
public sealed record StartReconciliationCommand(DateTimeOffset? From, DateTimeOffset? To, string? ConnectedAccountId, string RequestedBy);

/// <summary>Checks the window and starts the run; times are kept to the second, as Stripe's <c>created</c> is.</summary>
public sealed class StartReconciliationHandler(ReconciliationStarter starter, TimeProvider time, IOptions<ReconciliationOptions> options)
{
    /// <summary>The started run, or the problems with the command by field (nothing started).</summary>
    public async Task<(ReconciliationRun? Run, IDictionary<string, string[]>? Errors)> HandleAsync(
        DurableTaskClient durable, StartReconciliationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Validate(command) is { Count: > 0 } errors)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow();
        var run = new ReconciliationRun
        {
            RunId = ReconciliationIds.NewRunId(Guid.CreateVersion7(now)),
            From = ToSecond(command.From!.Value),
            To = ToSecond(command.To!.Value),
            ConnectedAccountId = command.ConnectedAccountId,
            RequestedBy = command.RequestedBy,
            Status = ReconciliationStatus.Pending,
            CreatedAt = now,
        };
        return (await starter.StartAsync(durable, run, cancellationToken), null);
    }

    private Dictionary<string, string[]> Validate(StartReconciliationCommand command)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (command.From is null)
        {
            errors["from"] = ["from is required (an ISO 8601 time, UTC offset included)."];
        }

        if (command.To is null)
        {
            errors["to"] = ["to is required (an ISO 8601 time, UTC offset included)."];
        }

        if (command is { From: { } from, To: { } to })
        {
            if (ToSecond(to) <= ToSecond(from))
            {
                errors["to"] = ["to must be at least a second after from."];
            }
            else if (to - from > options.Value.MaxWindow)
            {
                errors["to"] = [$"A run covers at most {options.Value.MaxWindow.TotalDays:0.##} days; split the window."];
            }
        }

        if (command.ConnectedAccountId is { } account && !Ids.IsValid(account))
        {
            errors["connectedAccountId"] = ["connectedAccountId must be 1-64 characters of letters, digits, '_' or '-'."];
        }

        return errors;
    }

    private static DateTimeOffset ToSecond(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
}
