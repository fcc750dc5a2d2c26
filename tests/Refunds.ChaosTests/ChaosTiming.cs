namespace Refunds.ChaosTests;

/// <summary>The Durable engine's partition lease timings the chaos runs give the app, and what the tests wait for by them.</summary>
internal static class ChaosTiming
{
    /// <summary>How often each host looks at the partition table (DTF's default 10 s).</summary>
    public static readonly TimeSpan LeaseAcquireInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a killed host's partitions stay its own after its last renewal (DTF's default 30 s).</summary>
    public static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// DTF gives up on a partition table round slower than this (its default 2 s) and so renews nothing: on a starved
    /// machine the lease lapsed under a live host. A round may take this long and still renew well within the lease.
    /// </summary>
    public static readonly TimeSpan PartitionTableOperationTimeout = TimeSpan.FromSeconds(6);
}
