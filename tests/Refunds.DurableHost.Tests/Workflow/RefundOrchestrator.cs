using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tests.Workflow;

public sealed record RefundRequest(string RefundId, bool WaitForApproval = false);

public sealed record RefundStatus(string Step, string? StripeRefundId = null);

public sealed record RefundOutcome(string RefundId, string StripeRefundId, int InvoicesReopened, string? Approval);

/// <summary>The shape of the real refund: two activities, custom status for ops, optionally an approval event between them.</summary>
public sealed class RefundOrchestrator : TaskOrchestrator<RefundRequest, RefundOutcome>
{
    public const string ApprovalEvent = "Approval";

    public override async Task<RefundOutcome> RunAsync(TaskOrchestrationContext context, RefundRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new RefundStatus("refunding"));
        var stripeRefundId = await context.CallActivityAsync<string>(nameof(CreateStripeRefundActivity), input.RefundId);

        string? approval = null;
        if (input.WaitForApproval)
        {
            context.SetCustomStatus(new RefundStatus("waiting-approval", stripeRefundId));
            approval = await context.WaitForExternalEvent<string>(ApprovalEvent);
        }

        context.SetCustomStatus(new RefundStatus("reopening"));
        var reopened = await context.CallActivityAsync<int>(nameof(ReopenInvoicesActivity), input.RefundId);
        context.SetCustomStatus(new RefundStatus("done"));
        return new RefundOutcome(input.RefundId, stripeRefundId, reopened, approval);
    }
}

/// <summary>A dependency from DI, to show activities are built by the container.</summary>
public sealed class RefundIds
{
    private readonly string _prefix = "re_";

    public string StripeRefundIdFor(string refundId) => _prefix + refundId;
}

public sealed class CreateStripeRefundActivity(RefundIds ids) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(ids.StripeRefundIdFor(input));
}

public sealed class ReopenInvoicesActivity : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(2);
}
