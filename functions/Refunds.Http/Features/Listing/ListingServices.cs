namespace Refunds.Http.Features.Listing;

public static class ListingServices
{
    public static IServiceCollection AddRefundsListing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ListingOptions>().Bind(configuration.GetSection(ListingOptions.Section));
        services.AddSingleton<ContinuationTokens>();
        services.AddSingleton<RefundLists>();
        return services;
    }
}
