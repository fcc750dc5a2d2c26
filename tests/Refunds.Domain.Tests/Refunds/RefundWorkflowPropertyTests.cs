using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

/// <summary>
/// Drives workflows through seeded random runs of Stripe answers and errors and checks the invariants the
/// step queue relies on. Seeds are fixed so a failure reproduces; runs and steps are bounded.
/// </summary>
public class RefundWorkflowPropertyTests
{
    private const int Runs = 300;
    private const int MaxSteps = 40;

    private static readonly StripeRefundSnapshot[] Snapshots =
    [
        new("re_1", StripeRefundStatus.Pending),
        new("re_1", StripeRefundStatus.Pending, PendingReason: "insufficient_funds"),
        new("re_1", StripeRefundStatus.RequiresAction),
        new("re_1", StripeRefundStatus.Succeeded),
        new("re_1", StripeRefundStatus.Failed, FailureReason: "insufficient_funds"),
        new("re_1", StripeRefundStatus.Canceled),
    ];

    private static readonly IReadOnlyList<Invoice> Invoices =
    [
        Invoice("inv_1", total: 10_000, paid: 10_000),
        Invoice("inv_2", total: 5_000, paid: 5_000, inDispute: true),
    ];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 0; seed < Runs; seed += 30)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Transitions_RandomStripeAnswers_InvariantsHold(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 30; seed++)
        {
            RunOnce(seed);
        }
    }

    private static void RunOnce(int seed)
    {
        var random = new Random(seed);
        var start = RefundWorkflow.Start(Payment(), Request(), T0, Synced(Payment())).Value;
        var workflow = start.Workflow;
        var payment = start.Payment!;
        var history = new List<HistoryEntry>(start.History);
        var now = T0;
        var afterTerminal = 0;

        for (var step = 0; step < MaxSteps && afterTerminal < 3; step++)
        {
            now = now.AddSeconds(1 + random.Next(600));
            var before = workflow;
            var transient = !workflow.IsTerminal && random.Next(10) == 0;
            Transition transition;

            if (transient)
            {
                transition = workflow.OnTransientError($"transient {step}", now, now.AddMinutes(1));
                Assert.Equal(before.Sequence, transition.Workflow.Sequence);
                Assert.Equal(before.Step, transition.Workflow.Step);
            }
            else if (workflow.IsTerminal)
            {
                var snapshot = Snapshots[random.Next(Snapshots.Length)];
                Assert.Throws<InvalidOperationException>(() => before.OnStripeRefund(snapshot, payment, now, PollingPolicy.Default));
                Assert.Throws<InvalidOperationException>(() => before.ReopenInvoices(payment, Invoices, now));
                Assert.Throws<InvalidOperationException>(() => before.OnTransientError("late", now, now.AddMinutes(1)));
                Assert.Throws<InvalidOperationException>(() => before.OnPermanentError(new DomainError("late", "late"), payment, now));
                afterTerminal++;
                continue;
            }
            else if (workflow.Step == RefundStep.ReopenInvoices)
            {
                transition = workflow.ReopenInvoices(payment, Invoices, now);
                Assert.Equal(PaymentStatus.Refunded, transition.Payment?.Status);
            }
            else if (random.Next(25) == 0)
            {
                transition = workflow.OnPermanentError(new DomainError("rejected", "Stripe rejected the refund."), payment, now);
            }
            else
            {
                transition = workflow.OnStripeRefund(Snapshots[random.Next(Snapshots.Length)], payment, now, PollingPolicy.Default);
            }

            workflow = transition.Workflow;
            payment = transition.Payment ?? payment;
            history.AddRange(transition.History);

            if (!transient)
            {
                Assert.True(workflow.Sequence > before.Sequence, $"seed {seed} step {step}: sequence {before.Sequence} -> {workflow.Sequence}");
            }

            Assert.True(!before.IsTerminal || workflow.IsTerminal, $"seed {seed} step {step}: {before.RuntimeStatus} -> {workflow.RuntimeStatus}");
            Assert.True(workflow.DueAt >= now, $"seed {seed} step {step}: due {workflow.DueAt} before now {now}");
            Assert.NotEmpty(transition.History);
            Assert.Equal(Enumerable.Range(0, history.Count), history.Select(h => h.Sequence));
            Assert.Equal(history.Count, workflow.HistoryCount);
            Assert.Equal(workflow.IsTerminal, workflow.Step == RefundStep.Done);
            Assert.Equal(workflow.RuntimeStatus is RuntimeStatus.Failed or RuntimeStatus.Canceled, payment.ActiveRefundId is null);
        }
    }
}
