namespace Refunds.Domain.Payments;

public enum PaymentStatus
{
    Pending,
    Succeeded,
    Failed,
    Refunded,
}

public enum PaymentSource
{
    OnlinePortal,
    Other,
}

/// <summary>How the customer paid; a bank debit can still fail days after it succeeded.</summary>
public enum PaymentMethod
{
    /// <summary>Not told by the platform.</summary>
    Other,
    Card,

    /// <summary>ACH Direct Debit (Stripe <c>us_bank_account</c>).</summary>
    AchDebit,

    /// <summary>SEPA Direct Debit (Stripe <c>sepa_debit</c>).</summary>
    SepaDebit,
}
