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
