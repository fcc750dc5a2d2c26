using Azure.Data.Tables;
using Refunds.Application.Reconciliation;
using Refunds.Storage.Ledger;

namespace Refunds.Storage.Reconciliation;

internal static class RunRows
{
    public const string Kind = "ReconciliationRun";
    public const string AccountKind = "ReconciledAccount";

    public static TableEntity ToRow(ReconciliationRun run)
    {
        var row = Columns.NewRow(ReconciliationKeys.Run(run.RunId), ReconciliationKeys.RunRow, Kind);
        row[nameof(ReconciliationRun.RunId)] = run.RunId;
        row[nameof(ReconciliationRun.From)] = run.From;
        row[nameof(ReconciliationRun.To)] = run.To;
        Columns.SetOptional(row, nameof(ReconciliationRun.ConnectedAccountId), run.ConnectedAccountId);
        row[nameof(ReconciliationRun.RequestedBy)] = run.RequestedBy;
        row[nameof(ReconciliationRun.Status)] = run.Status.ToString();
        row[nameof(ReconciliationRun.CreatedAt)] = run.CreatedAt;
        Columns.SetOptional(row, nameof(ReconciliationRun.StartedAt), run.StartedAt);
        Columns.SetOptional(row, nameof(ReconciliationRun.CompletedAt), run.CompletedAt);
        Columns.SetOptional(row, nameof(ReconciliationRun.AccountCount), run.AccountCount);
        if (run.Totals is { } t)
        {
            Columns.SetJson(
                row,
                nameof(ReconciliationRun.Totals),
                new StoredTotals(t.Accounts, t.AccountsFailed, t.StripeRefunds, t.StripeRequests, t.OurRefunds, t.EntitiesRead, new Dictionary<string, int>(t.OpenByCode), t.Open, t.Resolved),
                ReconciliationJson.Default.StoredTotals);
        }

        Columns.SetOptional(row, nameof(ReconciliationRun.Error), run.Error);
        return row;
    }

    public static ReconciliationRun FromRow(TableEntity row) => new()
    {
        RunId = Columns.String(row, nameof(ReconciliationRun.RunId)),
        From = Columns.Time(row, nameof(ReconciliationRun.From)),
        To = Columns.Time(row, nameof(ReconciliationRun.To)),
        ConnectedAccountId = Columns.OptionalString(row, nameof(ReconciliationRun.ConnectedAccountId)),
        RequestedBy = Columns.String(row, nameof(ReconciliationRun.RequestedBy)),
        Status = Columns.Enum<ReconciliationStatus>(row, nameof(ReconciliationRun.Status)),
        CreatedAt = Columns.Time(row, nameof(ReconciliationRun.CreatedAt)),
        StartedAt = Columns.OptionalTime(row, nameof(ReconciliationRun.StartedAt)),
        CompletedAt = Columns.OptionalTime(row, nameof(ReconciliationRun.CompletedAt)),
        AccountCount = row.GetInt32(nameof(ReconciliationRun.AccountCount)),
        Totals = Columns.OptionalJson(row, nameof(ReconciliationRun.Totals), ReconciliationJson.Default.StoredTotals) is { } t
            ? new ReconciliationTotals(t.Accounts, t.AccountsFailed, t.StripeRefunds, t.StripeRequests, t.OurRefunds, t.EntitiesRead, t.OpenByCode, t.Open, t.Resolved)
            : null,
        Error = Columns.OptionalString(row, nameof(ReconciliationRun.Error)),
    };

    public static TableEntity ToRow(string runId, AccountReconciliation account)
    {
        var row = Columns.NewRow(ReconciliationKeys.Run(runId), ReconciliationKeys.Account(account.ConnectedAccountId), AccountKind);
        Columns.SetJson(
            row,
            "Result",
            new StoredAccount(account.ConnectedAccountId, account.StripeRefunds, account.StripeRequests, account.OurRefunds, account.EntitiesRead, new Dictionary<string, int>(account.FindingsByCode), account.Error),
            ReconciliationJson.Default.StoredAccount);
        return row;
    }

    public static AccountReconciliation AccountFromRow(TableEntity row)
    {
        var a = Columns.Json(row, "Result", ReconciliationJson.Default.StoredAccount);
        return new AccountReconciliation(a.ConnectedAccountId, a.StripeRefunds, a.StripeRequests, a.OurRefunds, a.EntitiesRead, a.FindingsByCode, a.Error);
    }
}
