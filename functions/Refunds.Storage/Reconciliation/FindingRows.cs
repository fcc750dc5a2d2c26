using Azure.Data.Tables;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.Storage.Ledger;

namespace Refunds.Storage.Reconciliation;

internal static class FindingRows
{
    public const string Kind = "Finding";

    public static TableEntity ToRow(string partitionKey, string rowKey, Finding finding)
    {
        var row = Columns.NewRow(partitionKey, rowKey, Kind);
        row[nameof(Finding.FindingId)] = finding.FindingId;
        row[nameof(Finding.Code)] = finding.Code.ToWire();
        row[nameof(Finding.ConnectedAccountId)] = finding.ConnectedAccountId;
        Columns.SetOptional(row, nameof(Finding.OrganizationId), finding.OrganizationId);
        Columns.SetOptional(row, nameof(Finding.PaymentId), finding.PaymentId);
        Columns.SetOptional(row, nameof(Finding.RefundId), finding.RefundId);
        Columns.SetOptional(row, nameof(Finding.StripeRefundId), finding.StripeRefundId);
        Columns.SetOptional(row, nameof(Finding.PaymentIntentId), finding.PaymentIntentId);
        SetMoney(row, nameof(Finding.OurAmount), finding.OurAmount);
        SetMoney(row, nameof(Finding.StripeAmount), finding.StripeAmount);
        Columns.SetOptional(row, nameof(Finding.OurStatus), finding.OurStatus);
        Columns.SetOptional(row, nameof(Finding.StripeStatus), finding.StripeStatus);
        Columns.SetOptional(row, nameof(Finding.StripeCreatedAt), finding.StripeCreatedAt);
        Columns.SetOptional(row, nameof(Finding.OurCreatedAt), finding.OurCreatedAt);
        row[nameof(Finding.Difference)] = finding.Difference;
        row[nameof(Finding.SuggestedAction)] = finding.SuggestedAction;
        row[nameof(Finding.Status)] = finding.Status.ToString();
        Columns.SetOptional(row, nameof(Finding.Resolution), finding.Resolution);
        Columns.SetOptional(row, nameof(Finding.ResolvedAt), finding.ResolvedAt);
        Columns.SetOptional(row, nameof(Finding.RecordedRefundId), finding.RecordedRefundId);
        return row;
    }

    public static Finding FromRow(TableEntity row) => new()
    {
        FindingId = Columns.String(row, nameof(Finding.FindingId)),
        Code = FindingCodes.FromWire(Columns.String(row, nameof(Finding.Code))),
        ConnectedAccountId = Columns.String(row, nameof(Finding.ConnectedAccountId)),
        OrganizationId = Columns.OptionalString(row, nameof(Finding.OrganizationId)),
        PaymentId = Columns.OptionalString(row, nameof(Finding.PaymentId)),
        RefundId = Columns.OptionalString(row, nameof(Finding.RefundId)),
        StripeRefundId = Columns.OptionalString(row, nameof(Finding.StripeRefundId)),
        PaymentIntentId = Columns.OptionalString(row, nameof(Finding.PaymentIntentId)),
        OurAmount = GetMoney(row, nameof(Finding.OurAmount)),
        StripeAmount = GetMoney(row, nameof(Finding.StripeAmount)),
        OurStatus = Columns.OptionalString(row, nameof(Finding.OurStatus)),
        StripeStatus = Columns.OptionalString(row, nameof(Finding.StripeStatus)),
        StripeCreatedAt = Columns.OptionalTime(row, nameof(Finding.StripeCreatedAt)),
        OurCreatedAt = Columns.OptionalTime(row, nameof(Finding.OurCreatedAt)),
        Difference = Columns.String(row, nameof(Finding.Difference)),
        SuggestedAction = Columns.String(row, nameof(Finding.SuggestedAction)),
        Status = Columns.Enum<FindingStatus>(row, nameof(Finding.Status)),
        Resolution = Columns.OptionalString(row, nameof(Finding.Resolution)),
        ResolvedAt = Columns.OptionalTime(row, nameof(Finding.ResolvedAt)),
        RecordedRefundId = Columns.OptionalString(row, nameof(Finding.RecordedRefundId)),
    };

    private static void SetMoney(TableEntity row, string name, Money? money)
    {
        if (money is { } value)
        {
            Columns.SetMoney(row, name, value);
        }
    }

    private static Money? GetMoney(TableEntity row, string name) =>
        row.ContainsKey(name + "Minor") ? Columns.GetMoney(row, name) : null;
}
