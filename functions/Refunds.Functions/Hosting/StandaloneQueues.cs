namespace Refunds.Functions.Hosting;

/// <summary>Plays the Functions host's queue triggers when the app runs on its own.</summary>
internal static class StandaloneQueues
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        // Wired to the storage listener once the storage adapter lands.
        _ = services;
        _ = configuration;
    }
}
