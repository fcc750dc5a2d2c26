using Azure.Data.Tables;
using Refunds.Domain.Organizations;

namespace Refunds.Storage.Ledger;

internal static class SettingsRows
{
    public static TableEntity ToRow(OrganizationSettings settings)
    {
        var row = Columns.NewRow(RowKeys.Partition(settings.OrganizationId), RowKeys.Settings, RowKinds.Settings);
        row[nameof(OrganizationSettings.RefundRecording)] = settings.RefundRecording.ToString();
        row[nameof(OrganizationSettings.ExportsToIntacct)] = settings.ExportsToIntacct;
        return row;
    }

    public static OrganizationSettings FromRow(TableEntity row) => new(
        row.PartitionKey,
        Columns.Enum<RefundRecording>(row, nameof(OrganizationSettings.RefundRecording)),
        Columns.Boolean(row, nameof(OrganizationSettings.ExportsToIntacct)));
}
