using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests;

/// <summary>A fresh stand-in and the real adapter (through its DI registration) pointed at it, with fast retries.</summary>
internal sealed class StripeHarness : IAsyncDisposable
{
    public const string Account = "acct_merchant";
    public const string OtherAccount = "acct_other";

    private readonly ServiceProvider provider;

    private StripeHarness(StripeStandIn.StripeStandIn standIn, ServiceProvider provider)
    {
        StandIn = standIn;
        this.provider = provider;
        Stripe = provider.GetRequiredService<IStripeRefunds>();
    }

    public StripeStandIn.StripeStandIn StandIn { get; }

    public IStripeRefunds Stripe { get; }

    public IServiceProvider Services => provider;

    /// <param name="clock">When set, the stand-in and the adapter both read it (say a FakeTimeProvider the test advances).</param>
    public static async Task<StripeHarness> StartAsync(
        Action<Dictionary<string, string?>>? configure = null, StripeStandInOptions? standInOptions = null, TimeProvider? clock = null)
    {
        standInOptions ??= new StripeStandInOptions();
        if (clock is not null)
        {
            standInOptions.TimeProvider = clock;
        }

        var standIn = await StripeStandIn.StripeStandIn.StartAsync(standInOptions);
        var settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = standIn.ApiKey,
            ["Stripe:ApiBase"] = standIn.BaseUri.ToString(),
            ["Stripe:MaxAttempts"] = "5",
            ["Stripe:BaseDelay"] = "00:00:00.010",
            ["Stripe:MaxDelay"] = "00:00:00.050",
            ["Stripe:RequestTimeout"] = "00:00:05",
        };
        configure?.Invoke(settings);
        return new StripeHarness(standIn, BuildProvider(settings, clock));
    }

    public static ServiceProvider BuildProvider(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddStripeRefunds(configuration.GetSection(StripeOptions.SectionName));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Registers a card payment of <paramref name="amount"/> USD cents on <see cref="Account"/>.</summary>
    public string AddPayment(long amount = 5_000, string account = Account)
    {
        var paymentIntentId = "pi_" + Guid.NewGuid().ToString("N")[..20];
        StandIn.AddPaymentIntent(account, paymentIntentId, amount, "usd");
        return paymentIntentId;
    }

    public static CreateStripeRefund Request(string paymentIntentId, string? refundId = null, string account = Account)
    {
        refundId ??= "rf_" + Guid.NewGuid().ToString("N")[..12];
        return new CreateStripeRefund(account, paymentIntentId, refundId, $"refund:{refundId}", Domain.Refunds.RefundReason.RequestedByCustomer);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
