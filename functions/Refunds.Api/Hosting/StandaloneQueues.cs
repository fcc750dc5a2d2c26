using Refunds.Storage.Hosting;
using Refunds.Storage.Queues;

namespace Refunds.Api.Hosting;

/// <summary>Plays the Functions host's queue triggers when the app runs on its own, with the host's retry and poison semantics.</summary>
internal static class StandaloneQueues
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var hosting = configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        services.AddQueueListener(
            storage.StepQueueName,
            (provider, message, cancellationToken) => provider.GetRequiredService<StepMessageHandler>().HandleAsync(message.Body, cancellationToken),
            Listener(hosting));
        services.AddQueueListener(
            storage.IntacctQueueName,
            (provider, message, cancellationToken) => provider.GetRequiredService<IntacctMessageHandler>().HandleAsync(message.Body, cancellationToken),
            Listener(hosting));
        services.AddQueueListener(
            storage.StripeEventQueueName,
            (provider, message, cancellationToken) => provider.GetRequiredService<StripeEventMessageHandler>().HandleAsync(message.Body, cancellationToken),
            Listener(hosting));
    }

    private static Action<QueueListenerOptions> Listener(HostingOptions hosting) => options =>
    {
        options.VisibilityTimeout = hosting.QueueVisibilityTimeout;
        options.MaxPollingInterval = hosting.QueueMaxPollingInterval;
    };
}
