using Refunds.Application.Orchestrations;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Tests.Support;

/// <summary>Progress values and trace lines for the orchestrator tests, so each test reads as the story it checks.</summary>
internal static class Stories
{
    public static readonly RefundRun Refund = new("org_1", "rf_1");

    public const string ContinueAsNew = "continue-as-new";

    public const string TimerFired = "timer fired";

    /// <summary>Where the record stands, due <paramref name="dueIn"/> after the script's start (at once by default).</summary>
    public static RefundProgress At(RefundStage? stage, TimeSpan dueIn = default, bool intacctPending = false) =>
        new(
            stage,
            new DateTimeOffset(ScriptedOrchestration.Start + dueIn, TimeSpan.Zero),
            intacctPending,
            RefundCustomStatus.Starting with { Step = stage?.ToString() ?? "None" });

    public static string Call(string activity) => $"call {activity}";

    public static string Raised<TSignal>() => $"raised {typeof(TSignal).Name}";

    /// <summary>One sleep of the story: a wait for every signal, and the timer at the due time.</summary>
    public static IEnumerable<string> Sleep(string until) =>
    [
        $"wait {nameof(StripeRefundChanged)}",
        $"wait {nameof(FundsAvailable)}",
        $"wait {nameof(RetryRequested)}",
        $"wait {nameof(CancelRequested)}",
        $"wait {nameof(WakeUp)}",
        $"timer {until}",
    ];

    /// <summary>The custom status step last shown, as Durable stores it.</summary>
    public static string? ShownStep(this ScriptedOrchestration durable) =>
        durable.CustomStatus?.GetProperty(nameof(RefundCustomStatus.Step)).GetString();
}
