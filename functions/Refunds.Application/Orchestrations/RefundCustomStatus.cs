using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// The orchestration's custom status, for Durable's management API and monitoring tools: where the refund is, why it
/// waits, how much the balance lacks and what an admin can do about it. The status API reads the ledger instead.
/// </summary>
/// <param name="Remedies">The actions that apply now: <c>retry</c>, <c>cancel</c>, <c>retry-intacct</c>.</param>
public sealed record RefundCustomStatus(
    string Step,
    string RuntimeStatus,
    string? Waiting,
    long? ShortfallMinorUnits,
    string? Currency,
    IReadOnlyList<string> Remedies,
    string IntacctStatus,
    string? LastError)
{
    /// <summary>Before the first activity has said where the record stands.</summary>
    public static readonly RefundCustomStatus Starting = new("Starting", "Running", null, null, null, [], "NotApplicable", null);

    public static readonly RefundCustomStatus Gone = new("None", "Unknown", "The refund record does not exist.", null, null, [], "NotApplicable", null);

    public static RefundCustomStatus Of(RefundWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var shortfall = workflow.FundsWait?.ShortOf(workflow.Amount);
        var remedies = new List<string>();
        if (workflow.IsWaitingForFunds)
        {
            remedies.AddRange(["retry", "cancel"]);
        }
        else if (workflow.FundsWait is not null && !workflow.IsTerminal)
        {
            remedies.Add("retry");
        }

        if (workflow.IntacctStatus == Domain.Refunds.IntacctStatus.Failed)
        {
            remedies.Add("retry-intacct");
        }

        return new(
            workflow.Step.ToString(),
            workflow.RuntimeStatus.ToString(),
            workflow.CustomStatus,
            shortfall?.MinorUnits,
            shortfall?.Currency,
            remedies,
            workflow.IntacctStatus.ToString(),
            workflow.LastError?.Message);
    }
}
