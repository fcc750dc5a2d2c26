using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Application.Reconciliation;
using Refunds.Domain.Reconciliation;

namespace Refunds.Storage.Reconciliation;

/// <summary>
/// Runs and findings in the reconciliation table: partition <c>run|{runId}</c> holds the run's row, its findings and
/// its accounts' results, so a run reads as one partition; <c>open|{account}</c> the findings that held when last seen.
/// </summary>
public sealed class TableReconciliationStore : IReconciliationStore
{
    /// <summary>The service's limit for one entity-group transaction.</summary>
    private const int BatchSize = 100;

    private readonly TableClient _table;

    public TableReconciliationStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public async Task<bool> TryCreateRunAsync(ReconciliationRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await _table.AddEntityAsync(RunRows.ToRow(run), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReconciliationRun?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ReconciliationKeys.Run(runId), ReconciliationKeys.RunRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? RunRows.FromRow(row) : null;
    }

    public async Task SaveRunAsync(ReconciliationRun run, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(RunRows.ToRow(run), TableUpdateMode.Replace, cancellationToken);

    public Task SaveFindingsAsync(string runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var partition = ReconciliationKeys.Run(runId);
        return UpsertAsync(findings.Select(f => FindingRows.ToRow(partition, ReconciliationKeys.Finding(f.FindingId), f)), cancellationToken);
    }

    public async Task<FindingPage> GetFindingsAsync(string runId, string? afterFindingId, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var partition = ReconciliationKeys.Run(runId);
        var from = afterFindingId is null ? ReconciliationKeys.FindingPrefix : ReconciliationKeys.Finding(afterFindingId);
        var to = ReconciliationKeys.PrefixEnd(ReconciliationKeys.FindingPrefix);
        var filter = afterFindingId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}");

        // One more than asked for tells whether another page follows.
        var findings = new List<Finding>(pageSize + 1);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(pageSize + 1, 1000), cancellationToken: cancellationToken))
        {
            findings.Add(FindingRows.FromRow(row));
            if (findings.Count > pageSize)
            {
                break;
            }
        }

        return findings.Count > pageSize
            ? new FindingPage(findings[..pageSize], findings[pageSize - 1].FindingId)
            : new FindingPage(findings, null);
    }

    public IAsyncEnumerable<Finding> GetAllFindingsAsync(string runId, CancellationToken cancellationToken) =>
        FindingsInAsync(ReconciliationKeys.Run(runId), ReconciliationKeys.FindingPrefix, cancellationToken);

    public async Task<Versioned<Finding>?> GetFindingAsync(string runId, string findingId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ReconciliationKeys.Run(runId), ReconciliationKeys.Finding(findingId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? new Versioned<Finding>(FindingRows.FromRow(row), row.ETag.ToString()) : null;
    }

    public async Task<bool> ReplaceFindingAsync(string runId, Finding finding, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        try
        {
            await _table.UpdateEntityAsync(FindingRows.ToRow(ReconciliationKeys.Run(runId), ReconciliationKeys.Finding(finding.FindingId), finding), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task SaveAccountAsync(string runId, AccountReconciliation account, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(RunRows.ToRow(runId, account), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<AccountReconciliation>> GetAccountsAsync(string runId, CancellationToken cancellationToken)
    {
        var partition = ReconciliationKeys.Run(runId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {ReconciliationKeys.AccountPrefix} and RowKey lt {ReconciliationKeys.PrefixEnd(ReconciliationKeys.AccountPrefix)}");
        var accounts = new List<AccountReconciliation>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            accounts.Add(RunRows.AccountFromRow(row));
        }

        return accounts;
    }

    public Task MarkOpenAsync(string connectedAccountId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var partition = ReconciliationKeys.Open(connectedAccountId);
        return UpsertAsync(findings.Select(f => FindingRows.ToRow(partition, ReconciliationKeys.Checked(f.FindingId, nameof(f.FindingId)), f)), cancellationToken);
    }

    public IAsyncEnumerable<Finding> GetOpenAsync(string connectedAccountId, CancellationToken cancellationToken) =>
        FindingsInAsync(ReconciliationKeys.Open(connectedAccountId), prefix: null, cancellationToken);

    public async Task ForgetOpenAsync(string connectedAccountId, string findingId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(ReconciliationKeys.Open(connectedAccountId), ReconciliationKeys.Checked(findingId, nameof(findingId)), ETag.All, cancellationToken);

    private async IAsyncEnumerable<Finding> FindingsInAsync(string partition, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = prefix is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {ReconciliationKeys.PrefixEnd(prefix)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FindingRows.FromRow(row);
        }
    }

    /// <summary>Inserts or replaces rows of one partition, up to 100 per entity-group transaction.</summary>
    private async Task UpsertAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }
}
