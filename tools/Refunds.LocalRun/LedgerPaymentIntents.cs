using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Payments;
using Refunds.StripeStandIn;

/// <summary>
/// Tells the local run's Stripe stand-in what a payment intent it has never seen is, from the app's own ledger: the
/// payment-intent index names the payment a Sync PUT linked it to, and that payment gives the connected account, amount,
/// currency and method. So a payment a user synced is refunded at the stand-in for exactly what was synced. The app
/// knows nothing of this: the local run reads through the same ports the app uses.
/// </summary>
internal sealed class LedgerPaymentIntents
{
    private readonly TaskCompletionSource<IServiceProvider> appServices = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The app is built after the stand-in (it needs the stand-in's address), so its services arrive later.</summary>
    public void Attach(IServiceProvider services) => appServices.TrySetResult(services);

    public async Task<ResolvedPaymentIntent?> ResolveAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var services = await appServices.Task.WaitAsync(cancellationToken);
        var link = await services.GetRequiredService<IPaymentIntentIndex>().FindAsync(paymentIntentId, cancellationToken);
        if (link is null)
        {
            return null;
        }

        var payment = await services.GetRequiredService<ILedgerStore>().GetPaymentAsync(link.OrganizationId, link.PaymentId, cancellationToken);
        return payment?.Value is { } p
            ? new ResolvedPaymentIntent(p.ConnectedAccountId, p.Amount.MinorUnits, p.Amount.Currency.ToLowerInvariant(), StripeType(p.Method))
            : null;
    }

    private static string StripeType(PaymentMethod method) => method switch
    {
        PaymentMethod.AchDebit => "us_bank_account",
        PaymentMethod.SepaDebit => "sepa_debit",
        _ => "card",
    };
}
