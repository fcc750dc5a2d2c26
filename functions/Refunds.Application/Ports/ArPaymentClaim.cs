namespace Refunds.Application.Ports;

/// <summary>
/// An Intacct AR payment belongs to one payment of an organization: reversing it is the refund of that payment only, and
/// a reversal cannot be undone, so a second payment must not claim it.
/// </summary>
public sealed record ArPaymentClaim(string ArPaymentKey, string PaymentId);
