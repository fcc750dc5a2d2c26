using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Application.Tests.Support;

/// <summary>
/// An activity against the real ledger (<c>TableLedgerStore</c> on the collection's Azurite, a table per test), built
/// from the same registrations the hosts use, with scripted Stripe and Intacct ports and a fake clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
public abstract class ActivityTestBase : IAsyncLifetime, IDisposable
{
    public const string Org = "org_1";
    public const string RefundId = "rf_1";

    /// <summary>The clock when each test begins; the refund is started then.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly ServiceProvider _services;
    private readonly string _table;

    protected ActivityTestBase(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        _table = AzuriteFixture.NewName("ledger");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString,
                [$"{StorageOptions.SectionName}:TableName"] = _table,
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IStripeRefunds>(Stripe)
            .AddSingleton<IStripeRefundListing>(Stripe)
            .AddSingleton<IIntacctReversals>(Intacct);
        services.AddRefundsStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddRefundsApplication(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Ledger = _services.GetRequiredService<ILedgerStore>();
        Options = _services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
    }

    protected FakeTimeProvider Time { get; } = new(T0);

    internal ScriptedStripe Stripe { get; } = new();

    internal ScriptedIntacct Intacct { get; } = new();

    protected ILedgerStore Ledger { get; }

    protected WorkflowOptions Options { get; }

    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A service as the hosts register it, for tests of application services other than the refund's activities.</summary>
    protected T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task InitializeAsync() => _services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(Ct);

    public async Task DisposeAsync()
    {
        await _services.GetRequiredService<TableServiceClient>().DeleteTableAsync(_table, CancellationToken.None);
        await _services.GetRequiredService<TableServiceClient>().DeleteTableAsync(_table + "recon", CancellationToken.None);
        await _services.DisposeAsync();
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A card payment of 100.00 USD, paid ten days before <see cref="T0"/>, settling two invoices.</summary>
    protected static Payment Payment(string? intacctKey = null) => new()
    {
        OrganizationId = Org,
        PaymentId = "pay_1",
        StripePaymentIntentId = "pi_1",
        ConnectedAccountId = "acct_1",
        Amount = new Money(10_000, "USD"),
        Status = PaymentStatus.Succeeded,
        Source = PaymentSource.OnlinePortal,
        PaidAt = T0.AddDays(-10),
        Allocations = [new InvoiceAllocation("inv_1", 6_000), new InvoiceAllocation("inv_2", 4_000)],
        Method = PaymentMethod.Card,
        IntacctArPaymentKey = intacctKey,
    };

    /// <summary>Each invoice is worth more than the payment paid on it, so reopening it twice would show.</summary>
    protected static IReadOnlyList<Invoice> Invoices() =>
    [
        new() { OrganizationId = Org, InvoiceId = "inv_1", Amount = new Money(8_000, "USD"), PaidAmountMinor = 8_000, Status = InvoiceStatus.Paid },
        new() { OrganizationId = Org, InvoiceId = "inv_2", Amount = new Money(4_000, "USD"), PaidAmountMinor = 4_000, Status = InvoiceStatus.Paid },
    ];

    /// <summary>The refund as <see cref="RefundWorkflow.Start"/> creates it at <see cref="T0"/>.</summary>
    protected static Transition Started(Payment payment) =>
        RefundWorkflow.Start(payment, new StartRefundRequest(RefundId, RefundReason.RequestedByCustomer, null, "admin@example.com"), T0, new HashSet<string>(["inv_1", "inv_2"])).Value;

    /// <summary>
    /// Stores the payment claimed by the refund, its invoices and the refund, after the domain <paramref name="steps"/>
    /// (each given the record and the payment as they stand), with every history line and row those steps changed.
    /// </summary>
    protected async Task<RefundWorkflow> SeedAsync(Payment payment, params Func<RefundWorkflow, Payment, Transition>[] steps)
    {
        var started = Started(payment);
        var history = started.History.ToList();
        var workflow = started.Workflow;
        var claimed = started.Payment!;
        var invoices = Invoices().ToDictionary(i => i.InvoiceId, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var moved = step(workflow, claimed);
            history.AddRange(moved.History);
            workflow = moved.Workflow;
            claimed = moved.Payment ?? claimed;
            foreach (var invoice in moved.ChangedInvoices)
            {
                invoices[invoice.InvoiceId] = invoice;
            }
        }

        List<LedgerWrite> writes =
        [
            new LedgerWrite.PutPayment(claimed, null),
            .. invoices.Values.Select(i => new LedgerWrite.PutInvoice(i, null)),
            new LedgerWrite.PutWorkflow(workflow, null),
            .. history.Select(h => new LedgerWrite.AppendHistory(RefundId, h)),
        ];
        Assert.Equal(CommitOutcome.Committed, await Ledger.CommitAsync(Org, writes, Ct));
        return workflow;
    }

    protected Task<RefundProgress> RunAsync<TActivity>()
        where TActivity : TaskActivity<RefundInstance, RefundProgress> =>
        _services.GetRequiredService<TActivity>().RunAsync(new ActivityContext(typeof(TActivity).Name), new RefundInstance(Org, RefundId));

    protected async Task<RefundWorkflow> StoredAsync() => (await Ledger.GetWorkflowAsync(Org, RefundId, Ct))!.Value;

    protected async Task<Payment> StoredPaymentAsync() => (await Ledger.GetPaymentAsync(Org, "pay_1", Ct))!.Value;

    protected async Task<Invoice> StoredInvoiceAsync(string invoiceId) => (await Ledger.GetInvoiceAsync(Org, invoiceId, Ct))!.Value;

    protected async Task<IReadOnlyList<string>> HistoryAsync() =>
        (await Ledger.GetHistoryAsync(Org, RefundId, Ct)).Select(h => h.Outcome).ToList();

    private sealed class ActivityContext(string name) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => RefundId;
    }
}
