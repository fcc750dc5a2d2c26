using System.Diagnostics;
using System.Diagnostics.Metrics;
using Refunds.Application.StartRefund;

namespace Refunds.Http.Telemetry;

/// <summary>The app's own spans and metrics, all under the name "Refunds".</summary>
public sealed class RefundsInstrumentation
{
    public const string Name = "Refunds";

    /// <summary>The histogram of storage entities per page of a refund list, tagged with <see cref="Tags.List"/>.</summary>
    public const string ListingEntitiesRead = "refunds.listing.entities_read";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _started;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _intacctReversals;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<int> _listingEntities;
    private readonly Counter<long> _reconciliationFindings;
    private readonly Counter<long> _reconciliationRuns;
    private readonly TimeProvider _time;

    public RefundsInstrumentation(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        _started = meter.CreateCounter<long>("refunds.started", "{refund}", "Refund workflows started.");
        _steps = meter.CreateCounter<long>("refunds.steps", "{step}", "Workflow moves run by activities, by step and outcome.");
        _intacctReversals = meter.CreateCounter<long>("refunds.intacct.reversals", "{reversal}", "Intacct AR payment reversals, by outcome.");
        _stepDuration = meter.CreateHistogram<double>("refunds.step.duration", "s", "Time to run one workflow move in an activity.");
        _listingEntities = meter.CreateHistogram<int>(ListingEntitiesRead, "{entity}", "Storage entities one page of a refund list read (index rows and the summaries checked beside them).");
        _reconciliationFindings = meter.CreateCounter<long>(
            "refunds.reconciliation.findings", "{finding}", "Findings that hold when a reconciliation run ends, by class (finding.code); resolved ones as finding.code=resolved.");
        _reconciliationRuns = meter.CreateCounter<long>("refunds.reconciliation.runs", "{run}", "Reconciliation runs ended, by status (Completed, Failed).");
        _time = time;
    }

    /// <summary>A span for the start-refund use case; <see cref="RecordStart"/> closes its bookkeeping.</summary>
    public static Activity? StartRefund(string organizationId, string paymentId)
    {
        var activity = Source.StartActivity("refund.start");
        activity?.SetTag(Tags.OrganizationId, organizationId);
        activity?.SetTag("payment.id", paymentId);
        return activity;
    }

    public void RecordStart(Activity? activity, StartRefundResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.GetType().Name;
        activity?.SetTag(Tags.Outcome, outcome);
        if (result is StartRefundResult.Started started)
        {
            activity?.SetTag(Tags.RefundId, started.Workflow.RefundId);
            _started.Add(1);
        }
    }

    /// <summary>A span and a duration for one step run; set <see cref="StepRun.Outcome"/> before disposing.</summary>
    public StepRun StartStep(string spanName, string organizationId, string refundId, string step) =>
        new(this, Source.StartActivity(spanName), organizationId, refundId, step, _time.GetTimestamp());

    public void RecordListing(string list, int entitiesRead) =>
        _listingEntities.Record(entitiesRead, new KeyValuePair<string, object?>(Tags.List, list));
    /// <summary>A run ended: every class is added, zero included, so each class has its series from the first run.</summary>
    public void RecordReconciliation(string status, IReadOnlyDictionary<string, int> openByCode, int resolved)
    {
        ArgumentNullException.ThrowIfNull(openByCode);
        _reconciliationRuns.Add(1, new KeyValuePair<string, object?>(Tags.Outcome, status));
        foreach (var (code, count) in openByCode)
        {
            _reconciliationFindings.Add(count, new KeyValuePair<string, object?>(Tags.FindingCode, code));
        }

        _reconciliationFindings.Add(resolved, new KeyValuePair<string, object?>(Tags.FindingCode, "resolved"));
    }

    public void RecordIntacctReversal(string outcome) =>
        _intacctReversals.Add(1, new KeyValuePair<string, object?>(Tags.Outcome, outcome));

    private void RecordStep(string step, string outcome, long startedAt)
    {
        var tags = new TagList { { Tags.Step, step }, { Tags.Outcome, outcome } };
        _steps.Add(1, tags);
        _stepDuration.Record(_time.GetElapsedTime(startedAt).TotalSeconds, tags);
    }

    public static class Tags
    {
        public const string RefundId = "refund.id";
        public const string OrganizationId = "organization.id";
        public const string Step = "refund.step";
        public const string Outcome = "refunds.outcome";
        public const string List = "refunds.list";
        public const string FindingCode = "finding.code";
    }

    public sealed class StepRun : IDisposable
    {
        private readonly RefundsInstrumentation _owner;
        private readonly Activity? _activity;
        private readonly long _startedAt;

        internal StepRun(RefundsInstrumentation owner, Activity? activity, string organizationId, string refundId, string step, long startedAt)
        {
            _owner = owner;
            _activity = activity;
            _startedAt = startedAt;
            _activity?.SetTag(Tags.RefundId, refundId);
            _activity?.SetTag(Tags.OrganizationId, organizationId);
            Step = step;
        }

        /// <summary>The step's name, which may only become known once the run has loaded its workflow.</summary>
        public string Step
        {
            get;
            set
            {
                field = value;
                _activity?.SetTag(Tags.Step, value);
            }
        }

        /// <summary>Stays "error" when the run throws: the message will be delivered again.</summary>
        public string Outcome { get; set; } = "error";

        public void Dispose()
        {
            _activity?.SetTag(Tags.Outcome, Outcome);
            if (Outcome == "error")
            {
                _activity?.SetStatus(ActivityStatusCode.Error);
            }

            _activity?.Dispose();
            _owner.RecordStep(Step, Outcome, _startedAt);
        }
    }
}
