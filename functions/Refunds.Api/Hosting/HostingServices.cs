namespace Refunds.Api.Hosting;

public static class HostingServices
{
    public static IServiceCollection AddRefundsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section));
        services.AddSingleton<StepMessageHandler>();
        services.AddSingleton<StripeEventMessageHandler>();
        services.AddSingleton<IntacctMessageHandler>();
        if (IsStandalone(configuration))
        {
            services.AddHostedService<SweeperService>();
            StandaloneQueues.Add(services, configuration);
        }

        return services;
    }

    /// <summary>Standalone unless told otherwise or started by the Functions host (which sets the custom handler port).</summary>
    public static bool IsStandalone(IConfiguration configuration) =>
        configuration.GetSection(HostingOptions.Section).GetValue<bool?>(nameof(HostingOptions.Standalone))
            ?? CustomHandler.Port(configuration) is null;
}
