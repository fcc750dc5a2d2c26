using System.Xml.Linq;

namespace Refunds.IntacctStandIn.Gateway;

/// <summary>The stand-in's company data and bookkeeping. Every member takes the one lock, so each request executes atomically.</summary>
internal sealed partial class StandInBackend(IntacctStandInOptions options, Func<Uri> sessionEndpoint)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PaymentEntry> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionEntry> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _issuedSessionIds = [];
    private readonly HashSet<string> _recordedControlIds = new(StringComparer.Ordinal);
    private readonly List<StandInFault> _faults = [];
    private readonly List<RecordedIntacctRequest> _requests = [];
    private readonly Dictionary<string, (int Current, int Max)> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random? _random = options.RandomFaults is { } randomFaults ? new Random(randomFaults.Seed) : null;
    private DateOnly? _closedThrough;
    private int _randomFaultCount;

    public void AddPayment(string key, DateOnly paymentDate, long amountMinor, string currency)
    {
        lock (_lock)
        {
            _payments.Add(key, new PaymentEntry(key, paymentDate, amountMinor, currency));
        }
    }

    public StandInArPayment? Payment(string key)
    {
        lock (_lock)
        {
            return _payments.TryGetValue(key, out var p) ? Snapshot(p) : null;
        }
    }

    public IReadOnlyList<StandInArPayment> Payments()
    {
        lock (_lock)
        {
            return [.. _payments.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(Snapshot)];
        }
    }

    private static StandInArPayment Snapshot(PaymentEntry p) =>
        new(p.Key, p.PaymentDate, p.AmountMinor, p.Currency, p.State, p.ReversalDate, p.ReversalDescription, p.ReversalCount);

    public void CloseBooksThrough(DateOnly date)
    {
        lock (_lock)
        {
            _closedThrough = date;
        }
    }

    public void AddFaults(IEnumerable<StandInFault> faults)
    {
        lock (_lock)
        {
            _faults.AddRange(faults);
        }
    }

    public int PendingFaults
    {
        get
        {
            lock (_lock)
            {
                return _faults.Count;
            }
        }
    }

    public StandInFault? TakeFault(string? function)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Function is null || string.Equals(f.Function, function, StringComparison.Ordinal));
            if (index < 0)
            {
                return RandomFault();
            }

            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    public int RandomFaultCount
    {
        get
        {
            lock (_lock)
            {
                return _randomFaultCount;
            }
        }
    }

    public void Record(RecordedIntacctRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<RecordedIntacctRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string> IssuedSessionIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _issuedSessionIds];
            }
        }
    }

    public void InvalidateSessions()
    {
        lock (_lock)
        {
            _sessions.Clear();
        }
    }

    /// <summary>The company a request speaks for: its login's, or its session's; "" when neither is known.</summary>
    public string CompanyOf(XDocument? request)
    {
        var authentication = request?.Root?.Element("operation")?.Element("authentication");
        var login = authentication?.Element("login");
        if (login is not null)
        {
            return StandInXml.Text(login, "companyid");
        }

        var sessionId = StandInXml.Text(authentication, "sessionid");
        lock (_lock)
        {
            return _sessions.TryGetValue(sessionId, out var session) ? session.CompanyId : "";
        }
    }

    public void EnterFlight(string companyId)
    {
        lock (_lock)
        {
            var (current, max) = _inFlight.GetValueOrDefault(companyId);
            _inFlight[companyId] = (current + 1, Math.Max(max, current + 1));
        }
    }

    public void LeaveFlight(string companyId)
    {
        lock (_lock)
        {
            var (current, max) = _inFlight[companyId];
            _inFlight[companyId] = (current - 1, max);
        }
    }

    public int MaxInFlight(string companyId)
    {
        lock (_lock)
        {
            return _inFlight.GetValueOrDefault(companyId).Max;
        }
    }

    /// <summary>Drawn from <see cref="IntacctStandInOptions.RandomFaults"/>; called under the lock.</summary>
    private StandInFault? RandomFault()
    {
        if (_random is null || _random.NextDouble() >= options.RandomFaults!.Rate)
        {
            return null;
        }

        _randomFaultCount++;
        return _random.Next(4) switch
        {
            0 => StandInFault.HttpStatus(503),
            1 => StandInFault.Throttled(),
            _ => StandInFault.OriginTimeout(executeFirst: true),
        };
    }

    private sealed class PaymentEntry(string key, DateOnly paymentDate, long amountMinor, string currency)
    {
        public string Key { get; } = key;

        public DateOnly PaymentDate { get; } = paymentDate;

        public long AmountMinor { get; } = amountMinor;

        public string Currency { get; } = currency;

        public StandInArPaymentState State { get; set; } = StandInArPaymentState.Posted;

        public DateOnly? ReversalDate { get; set; }

        public string? ReversalDescription { get; set; }

        public int ReversalCount { get; set; }
    }

    private sealed record SessionEntry(string UserId, string CompanyId, DateTimeOffset ExpiresAt);
}
