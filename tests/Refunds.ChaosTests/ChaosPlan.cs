namespace Refunds.ChaosTests;

/// <summary>An invoice the payment pays <see cref="Allocation"/> of; <see cref="PaidBefore"/> includes other money.</summary>
internal sealed record InvoicePlan(string InvoiceId, long Amount, long PaidBefore, long Allocation, bool InDispute)
{
    public long PaidAfter => PaidBefore - Allocation;

    public string StatusAfter => PaidAfter <= 0 ? "Unpaid" : PaidAfter < Amount ? "PartiallyPaid" : "Paid";

    public bool InCollectionsAfter => !InDispute && PaidAfter < Amount;
}

/// <summary>One payment to refund; <see cref="IntacctKey"/> is set when it was exported to Intacct.</summary>
internal sealed record PaymentPlan(
    string Org,
    string PaymentId,
    string PaymentIntentId,
    long Amount,
    IReadOnlyList<InvoicePlan> Invoices,
    string? IntacctKey,
    int? StripeSettlesAfterRetrieves)
{
    /// <summary>When the test asks for the refund, counted from the first chaos step's clock start.</summary>
    public TimeSpan StartAfter { get; init; }
}

/// <summary>What happens between two chaos steps: the app is killed and restarted, or Azurite is restarted.</summary>
internal enum ChaosAction
{
    KillApp,
    RestartAzurite,
}

internal sealed record ChaosStep(TimeSpan After, ChaosAction Action, TimeSpan DownFor);

/// <summary>Everything random in a run, drawn from the seed up front so a run can be replayed.</summary>
internal sealed record ChaosPlan(IReadOnlyList<PaymentPlan> Payments, IReadOnlyList<ChaosStep> Steps, int StripeSeed, int IntacctSeed)
{
    public const string Account = "acct_chaos_merchant";

    public static ChaosPlan Create(ChaosSettings settings)
    {
        var random = new Random(settings.Seed);
        var orgs = Enumerable.Range(0, Math.Clamp(settings.Refunds / 10, 1, 10)).Select(i => $"org_chaos{settings.Seed & 0xffff:x4}{i}").ToArray();
        var steps = Enumerable.Range(0, settings.Kills)
            .Select(_ => new ChaosStep(Millis(random, 300, 2_500), ChaosAction.KillApp, Millis(random, 0, 600)))
            .ToList();
        steps.Insert(random.Next(steps.Count + 1), new ChaosStep(Millis(random, 300, 2_500), ChaosAction.RestartAzurite, Millis(random, 0, 1_500)));

        // Starts are spread over the planned chaos, so kills and the outage hit refunds at every stage, starts included.
        var window = (int)steps.Sum(s => (s.After + s.DownFor).TotalMilliseconds);
        var payments = Enumerable.Range(0, settings.Refunds)
            .Select(i => Payment(random, orgs[i % orgs.Length], i, exported: i % 2 == 0) with { StartAfter = Millis(random, 0, window) })
            .ToList();
        return new ChaosPlan(payments, steps, random.Next(), random.Next());
    }

    private static PaymentPlan Payment(Random random, string org, int index, bool exported)
    {
        var invoices = Enumerable.Range(0, random.Next(1, 4)).Select(n =>
        {
            var allocation = random.Next(1, 200) * 100L;
            var otherMoney = random.Next(3) == 0 ? random.Next(1, 50) * 100L : 0;
            var unpaid = random.Next(4) == 0 ? random.Next(1, 50) * 100L : 0;
            return new InvoicePlan($"inv_chaos{index:d5}n{n}", allocation + otherMoney + unpaid, allocation + otherMoney, allocation, InDispute: random.Next(4) == 0);
        }).ToList();

        return new PaymentPlan(
            org,
            $"pay_chaos{index:d5}",
            $"pi_chaos{index:d5}{random.Next():x8}",
            invoices.Sum(i => i.Allocation),
            invoices,
            exported ? (10_000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            random.Next(2) == 0 ? random.Next(1, 5) : null);
    }

    private static TimeSpan Millis(Random random, int min, int max) => TimeSpan.FromMilliseconds(random.Next(min, max));
}
