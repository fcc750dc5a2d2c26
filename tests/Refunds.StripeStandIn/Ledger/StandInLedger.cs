using System.Text.Json.Nodes;

namespace Refunds.StripeStandIn.Ledger;

/// <summary>
/// Everything the stand-in remembers. One lock guards it all: requests are few and the stand-in favours
/// obviously-correct over fast.
/// </summary>
internal sealed partial class StandInLedger(StripeStandInOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PaymentIntentRecord> paymentIntents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefundRecord> refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Currency), BalanceRecord> balances = [];
    private readonly Dictionary<(string Account, string Key), SavedResult> idempotency = [];
    private readonly Queue<Fault> faults = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Random? random = options.RandomFaults is { } randomFaults ? new Random(randomFaults.Seed) : null;
    private long sequence;

    /// <summary>Raised under the lock with (event type, account, object JSON): refunds created or changed, balance top-ups, disputes.</summary>
    public Action<string, string, JsonObject>? EventRaised { get; set; }

    private TimeProvider Clock => options.TimeProvider;

    public void AddPaymentIntent(string account, string paymentIntentId, long amount, string currency, string paymentMethodType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        lock (gate)
        {
            paymentIntents[paymentIntentId] = NewPaymentIntent(account, paymentIntentId, amount, currency, paymentMethodType);
        }
    }

    public bool KnowsPaymentIntent(string paymentIntentId)
    {
        lock (gate)
        {
            return paymentIntents.ContainsKey(paymentIntentId);
        }
    }

    /// <summary>
    /// Asks <see cref="StripeStandInOptions.ResolvePaymentIntent"/> about a payment intent the ledger does not know, and adds
    /// the answer (unless a concurrent request added it first). Outside the lock: the resolver may do I/O.
    /// </summary>
    public async Task ResolveIfUnknownAsync(string? paymentIntentId, CancellationToken cancellationToken)
    {
        if (options.ResolvePaymentIntent is not { } resolve || string.IsNullOrEmpty(paymentIntentId) || KnowsPaymentIntent(paymentIntentId))
        {
            return;
        }

        if (await resolve(paymentIntentId, cancellationToken).ConfigureAwait(false) is not { } resolved)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolved.Amount);
        lock (gate)
        {
            paymentIntents.TryAdd(paymentIntentId, NewPaymentIntent(resolved.Account, paymentIntentId, resolved.Amount, resolved.Currency, resolved.PaymentMethodType));
        }
    }

    private static PaymentIntentRecord NewPaymentIntent(string account, string paymentIntentId, long amount, string currency, string paymentMethodType) =>
        new(account, paymentIntentId, amount, currency.ToLowerInvariant(), paymentMethodType, "ch_" + paymentIntentId.Replace("pi_", string.Empty, StringComparison.Ordinal));

    public void ScriptRefund(string paymentIntentId, RefundScript script)
    {
        lock (gate)
        {
            PaymentIntent(paymentIntentId).Script = script;
        }
    }

    public void SetBalance(string account, string currency, long available, long pending)
    {
        lock (gate)
        {
            var balance = Balance(account, currency);
            balance.Available = available;
            balance.Pending = pending;
        }
    }

    public StandInBalance GetBalance(string account, string currency)
    {
        lock (gate)
        {
            var balance = Balance(account, currency);
            return new StandInBalance(balance.Available, balance.Pending);
        }
    }

    public void ExpireIdempotencyKeys()
    {
        lock (gate)
        {
            idempotency.Clear();
        }
    }

    public void InjectFaults(IEnumerable<Fault> newFaults)
    {
        lock (gate)
        {
            foreach (var fault in newFaults)
            {
                faults.Enqueue(fault);
            }
        }
    }

    private TimeSpan? refundCreateDelay;

    /// <summary>How many refund creates have reached the ledger (before any delay), so a test can act while one is in flight.</summary>
    public int RefundCreatesStarted { get; private set; }

    public void DelayRefundCreates(TimeSpan? delay)
    {
        lock (gate)
        {
            refundCreateDelay = delay;
        }
    }

    /// <summary>Counts a create that is about to be processed; the delay to hold it for, if any.</summary>
    public TimeSpan? NoteRefundCreateStarted()
    {
        lock (gate)
        {
            RefundCreatesStarted++;
            return refundCreateDelay;
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    public Fault? TakeFault()
    {
        lock (gate)
        {
            return faults.TryDequeue(out var fault) ? fault : RandomFault();
        }
    }

    /// <summary>Faults drawn from <see cref="StripeStandInOptions.RandomFaults"/>; counted in <see cref="RandomFaultCount"/>.</summary>
    public int RandomFaultCount { get; private set; }

    private Fault? RandomFault()
    {
        if (random is null || random.NextDouble() >= options.RandomFaults!.Rate)
        {
            return null;
        }

        RandomFaultCount++;
        return random.Next(4) switch
        {
            0 => Fault.ApiError,
            1 => Fault.RateLimit,
            _ => Fault.ProcessThenFail,
        };
    }

    public void Record(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Requests()
    {
        lock (gate)
        {
            return [.. requests];
        }
    }

    public IReadOnlyList<StandInRefund> RefundsFor(string paymentIntentId)
    {
        lock (gate)
        {
            return [.. refunds.Values.Where(r => r.PaymentIntent.Id == paymentIntentId).OrderBy(r => r.Sequence).Select(r => r.ToPublic())];
        }
    }

    public StandInRefund? FindRefund(string refundId)
    {
        lock (gate)
        {
            return refunds.TryGetValue(refundId, out var refund) ? refund.ToPublic() : null;
        }
    }

    public void SettleRefund(string refundId)
    {
        lock (gate)
        {
            Move(PendingRefund(refundId), "succeeded", failureReason: null);
        }
    }

    public void FailRefund(string refundId, string failureReason)
    {
        lock (gate)
        {
            Move(PendingRefund(refundId), "failed", failureReason);
        }
    }

    private RefundRecord PendingRefund(string refundId)
    {
        if (!refunds.TryGetValue(refundId, out var refund))
        {
            throw new InvalidOperationException($"The stand-in has no refund '{refundId}'.");
        }

        return refund.IsFinal
            ? throw new InvalidOperationException($"Refund '{refundId}' is already {refund.Status}.")
            : refund;
    }

    private PaymentIntentRecord PaymentIntent(string paymentIntentId) =>
        paymentIntents.TryGetValue(paymentIntentId, out var paymentIntent)
            ? paymentIntent
            : throw new InvalidOperationException($"The stand-in has no payment intent '{paymentIntentId}'; add it first.");

    private BalanceRecord Balance(string account, string currency)
    {
        var key = (account, currency.ToLowerInvariant());
        if (!balances.TryGetValue(key, out var balance))
        {
            balance = new BalanceRecord { Available = options.DefaultAvailableBalance };
            balances[key] = balance;
        }

        return balance;
    }

    /// <summary>Takes a pending refund to a final status, moving money the way Stripe's balance would.</summary>
    private void Move(RefundRecord refund, string status, string? failureReason)
    {
        var balance = Balance(refund.Account, refund.PaymentIntent.Currency);
        if (status == "succeeded" && !refund.Debited)
        {
            balance.Available -= refund.Amount;
            refund.Debited = true;
            refund.BalanceTransaction ??= NewId("txn_");
        }
        else if (status == "failed" && refund.Debited)
        {
            balance.Available += refund.Amount;
            refund.Debited = false;
            refund.FailureBalanceTransaction = NewId("txn_");
        }

        refund.Status = status;
        refund.FailureReason = failureReason;
        refund.PendingReason = null;
        EventRaised?.Invoke(status == "failed" ? "refund.failed" : "refund.updated", refund.Account, refund.ToJson());
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];

    private sealed class BalanceRecord
    {
        public long Available { get; set; }

        public long Pending { get; set; }
    }

    private sealed record SavedResult(string Fingerprint, Api.ApiResponse Response, DateTimeOffset At);
}
