using Azure.Data.Tables;

namespace Refunds.ChaosTests;

/// <summary>One control queue's row in the partition table: who holds it, and who is taking it over.</summary>
internal sealed record PartitionLease(string ControlQueue, string? Owner, string? NextOwner, bool IsDraining)
{
    /// <summary>Held, and no handover under way.</summary>
    public bool IsSettled => Owner is not null && NextOwner is null && !IsDraining;

    public override string ToString() =>
        $"{ControlQueue[^2..]}={Owner ?? "none"}{(NextOwner is null ? "" : $"->{NextOwner}")}{(IsDraining ? " draining" : "")}";
}

/// <summary>
/// Which worker holds each of a task hub's partitions, from DurableTask.AzureStorage's partition table
/// (<c>{hub}Partitions</c>, one row per control queue). Engine bookkeeping, read only to know when both hosts hold
/// partitions and no handover is under way; nothing of the refund workflow.
/// </summary>
internal static class PartitionOwners
{
    /// <summary>The rows in control queue order; empty before the first worker created the table.</summary>
    public static async Task<IReadOnlyList<PartitionLease>> ReadAsync(string connectionString, string taskHub)
    {
        var table = new TableClient(connectionString, taskHub + "Partitions");
        var leases = new List<PartitionLease>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey", "CurrentOwner", "NextOwner", "IsDraining"]))
            {
                leases.Add(new PartitionLease(row.RowKey, row.GetString("CurrentOwner"), row.GetString("NextOwner"), row.GetBoolean("IsDraining") ?? false));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The first worker has not created the table yet.
        }

        return [.. leases.OrderBy(l => l.ControlQueue, StringComparer.Ordinal)];
    }

    public static int Holders(IReadOnlyList<PartitionLease> leases) =>
        leases.Select(l => l.Owner).OfType<string>().Distinct(StringComparer.Ordinal).Count();

    public static string Describe(IReadOnlyList<PartitionLease> leases) =>
        leases.Count == 0 ? "no partitions yet" : string.Join(", ", leases);
}
