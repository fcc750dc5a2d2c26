namespace Refunds.Functions.Hosting;

public static class HostingServices
{
    public static IServiceCollection AddRefundsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section));
        services.AddSingleton<StepMessageHandler>();
        services.AddSingleton<StripeEventMessageHandler>();
        services.AddSingleton<IntacctMessageHandler>();
        var standalone = configuration.GetSection(HostingOptions.Section).GetValue<bool?>(nameof(HostingOptions.Standalone))
            ?? CustomHandler.Port(configuration) is null;
        if (standalone)
        {
            services.AddHostedService<SweeperService>();
            StandaloneQueues.Add(services, configuration);
        }

        return services;
    }
}
