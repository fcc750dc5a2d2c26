using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Refunds.Storage.Hosting;

namespace Refunds.Http.Health;

/// <summary>The ledger table answers a query through the app's own client (same credentials, same endpoint).</summary>
public sealed class StorageHealthCheck(TableServiceClient tables, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var table = tables.GetTableClient(options.Value.TableName);
        try
        {
            // A partition that never exists: one cheap round trip that still proves the table is there and readable.
            var pages = table.QueryAsync<TableEntity>(filter: "PartitionKey eq '~health'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages();
            await using var page = pages.GetAsyncEnumerator(cancellationToken);
            await page.MoveNextAsync();
            return HealthCheckResult.Healthy("Ledger table reachable.");
        }
        catch (RequestFailedException ex)
        {
            return HealthCheckResult.Unhealthy($"Ledger table answered {ex.Status} {ex.ErrorCode}.", ex);
        }
        catch (AggregateException ex)
        {
            // The SDK gives up on an unreachable endpoint with the retries' errors aggregated.
            return HealthCheckResult.Unhealthy("Ledger table unreachable.", ex);
        }
    }
}
