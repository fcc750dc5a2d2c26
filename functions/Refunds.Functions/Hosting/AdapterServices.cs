namespace Refunds.Functions.Hosting;

public static class AdapterServices
{
    public static IServiceCollection AddRefundsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
