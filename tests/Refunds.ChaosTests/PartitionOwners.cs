using Azure.Data.Tables;

namespace Refunds.ChaosTests;

/// <summary>
/// Which worker holds each of a task hub's partitions, from DurableTask.AzureStorage's partition table
/// (<c>{hub}Partitions</c>, one row per control queue with its <c>CurrentOwner</c>). Engine bookkeeping, read only to
/// know that both hosts took part before one is killed; nothing of the refund workflow.
/// </summary>
internal static class PartitionOwners
{
    /// <summary>Control queue name to the worker id holding it (null while unowned); empty before the hub exists.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadAsync(string connectionString, string taskHub)
    {
        var table = new TableClient(connectionString, taskHub + "Partitions");
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey", "CurrentOwner"]))
            {
                owners[row.RowKey] = row.GetString("CurrentOwner");
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The first worker has not created the table yet.
        }

        return owners;
    }

    public static string Describe(IReadOnlyDictionary<string, string?> owners) =>
        owners.Count == 0 ? "no partitions yet" : string.Join(", ", owners.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key[^2..]}={o.Value ?? "none"}"));
}
