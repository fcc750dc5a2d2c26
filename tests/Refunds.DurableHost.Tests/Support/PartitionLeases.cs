using Azure.Data.Tables;

namespace Refunds.DurableHost.Tests.Support;

/// <summary>
/// Who holds the hub's partitions, read from DurableTask.AzureStorage's partition table (<c>{hub}Partitions</c>, one
/// row per control queue with its <c>CurrentOwner</c>): the place where a worker id shows.
/// </summary>
internal static class PartitionLeases
{
    /// <summary>Control queue name to owning worker id (null while unowned); empty until the worker created the table.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> OwnersAsync(string connectionString, string taskHub)
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
            // The worker has not created the table yet.
        }

        return owners;
    }
}
