using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Stripe.Webhooks;

namespace Refunds.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IStripeRefunds"/> and <see cref="IStripeRefundListing"/> configured from <paramref name="section"/> (normally "Stripe").</summary>
    public static IServiceCollection AddStripeRefunds(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<StripeOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StripeRefundsClient>();
        services.TryAddSingleton<IStripeRefunds>(provider => provider.GetRequiredService<StripeRefundsClient>());
        services.TryAddSingleton<IStripeRefundListing>(provider => provider.GetRequiredService<StripeRefundsClient>());
        services.TryAddSingleton<IStripeWebhookVerifier, StripeWebhookVerifier>();
        return services;
    }
}
