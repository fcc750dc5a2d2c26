using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refunds.Application.Ports;
using Refunds.Intacct.Reversals;
using Refunds.Intacct.Session;
using Refunds.Intacct.Transport;

namespace Refunds.Intacct;

public static class IntacctServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IIntacctReversals"/> over the Intacct XML gateway.</summary>
    /// <param name="section">The "Intacct" configuration section (<see cref="IntacctOptions"/>).</param>
    public static IServiceCollection AddIntacctReversals(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<IntacctOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntacctOptions>, IntacctOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IntacctCompanyGates>();
        services.TryAddSingleton<IntacctGateway>();
        services.TryAddSingleton<IntacctSessionCache>();
        services.TryAddSingleton<IntacctSessionClient>();
        services.TryAddSingleton<ArPaymentReader>();
        services.TryAddSingleton<IIntacctReversals, IntacctReversals>();
        services.TryAddTransient<CompanyConcurrencyHandler>();
        services.TryAddTransient<ResponseBufferingHandler>();

        // Outer to inner: retry, company slot, attempt timeout, buffering. A retry waits without a slot and
        // queueing for a slot does not eat into an attempt's timeout.
        var http = services.AddHttpClient(IntacctGateway.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler("retry", static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<IntacctOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = IntacctTransientAnswers.ShouldRetry,
            });
        });
        http.AddHttpMessageHandler<CompanyConcurrencyHandler>();
        http.AddResilienceHandler("attempt-timeout", static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<IntacctOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        });
        http.AddHttpMessageHandler<ResponseBufferingHandler>();
        return services;
    }
}
