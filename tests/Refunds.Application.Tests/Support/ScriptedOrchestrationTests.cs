using Microsoft.DurableTask;

namespace Refunds.Application.Tests.Support;

/// <summary>
/// The event semantics of Durable (durabletask-dotnet 1.28) that the fake copies and the refund stories depend on,
/// pinned on tiny orchestrators so a change to the fake that breaks them shows here first.
/// </summary>
public sealed class ScriptedOrchestrationTests
{
    private readonly ScriptedOrchestration _durable = new();

    [Fact]
    public void Run_EventRaisedBeforeItsWait_IsDeliveredWhenTheWaitOpens()
    {
        _durable.Answer("Work", "done", new Note("early"));

        var output = _durable.Run(new WorkThenWait(), "first");

        Assert.Equal("early", output);
        string[] trace = ["call Work", "raised Note", "wait Note"];
        Assert.Equal(trace, _durable.Trace);
    }

    [Fact]
    public void Run_EventNobodyWaitedFor_IsCarriedAcrossContinueAsNew()
    {
        _durable.Answer("Work", "done", new Note("carried"));

        var output = _durable.Run(new WorkThenContinue(), "first");

        Assert.Equal("carried", output);
        string[] trace = ["call Work", "raised Note", "continue-as-new", "wait Note", "redelivered Note"];
        Assert.Equal(trace, _durable.Trace);
    }

    [Fact]
    public void Run_EventTakenByAnOpenWaitNobodyReads_IsLostAtContinueAsNew()
    {
        _durable.TimerFires().Answer("Work", "done", new Note("swallowed")).TimerFires();

        var output = _durable.Run(new SleepWorkThenContinue(), "first");

        Assert.Equal("timed out", output);
        string[] trace =
        [
            "wait Note", "timer +1m", "timer fired", "call Work", "raised Note", "continue-as-new",
            "wait Note", "timer +1h1m", "timer fired",
        ];
        Assert.Equal(trace, _durable.Trace);
    }

    [Fact]
    public void Run_TwoWaitsOfOneName_EventGoesToTheNewest()
    {
        _durable.Raise(new Note("hello"));

        var output = _durable.Run(new TwoWaits(), "first");

        Assert.Equal("newest", output);
    }

    private sealed record Note(string Text);

    private sealed class WorkThenWait : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            await context.CallActivityAsync<string>("Work");
            return (await context.WaitForExternalEvent<Note>(nameof(Note))).Text;
        }
    }

    private sealed class WorkThenContinue : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            if (input == "first")
            {
                await context.CallActivityAsync<string>("Work");
                context.ContinueAsNew("second", preserveUnprocessedEvents: true);
                return "ContinuedAsNew";
            }

            return (await context.WaitForExternalEvent<Note>(nameof(Note))).Text;
        }
    }

    private sealed class SleepWorkThenContinue : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var note = context.WaitForExternalEvent<Note>(nameof(Note));
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(input == "first" ? 1 : 60), CancellationToken.None);
            if (await Task.WhenAny(note, timer) == note)
            {
                return (await note).Text;
            }

            if (input == "first")
            {
                // The open wait above stays registered while the activity runs.
                await context.CallActivityAsync<string>("Work");
                context.ContinueAsNew("second", preserveUnprocessedEvents: true);
                return "ContinuedAsNew";
            }

            return "timed out";
        }
    }

    private sealed class TwoWaits : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var oldest = context.WaitForExternalEvent<Note>(nameof(Note));
            var newest = context.WaitForExternalEvent<Note>(nameof(Note));
            return await Task.WhenAny(oldest, newest) == newest ? "newest" : "oldest";
        }
    }
}
