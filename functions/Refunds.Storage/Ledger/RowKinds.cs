namespace Refunds.Storage.Ledger;

/// <summary>Values of the <c>Kind</c> column, which says what a row of the shared ledger table holds.</summary>
internal static class RowKinds
{
    public const string Column = "Kind";
    public const string Payment = "Payment";
    public const string Invoice = "Invoice";
    public const string CreditMemo = "CreditMemo";
    public const string Settings = "Settings";
    public const string Workflow = "Workflow";
    public const string History = "History";
    public const string ArPaymentClaim = "ArPaymentClaim";
    public const string RefundSummary = "RefundSummary";
    public const string Attention = "Attention";
}
