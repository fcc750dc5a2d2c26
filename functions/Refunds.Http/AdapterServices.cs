using Refunds.Intacct;
using Refunds.Storage.Hosting;
using Refunds.Stripe;

namespace Refunds.Http;

public static class AdapterServices
{
    public static IServiceCollection AddRefundsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRefundsStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddStripeRefunds(configuration.GetSection(StripeOptions.SectionName));
        services.AddIntacctReversals(configuration.GetSection("Intacct"));
        return services;
    }
}
