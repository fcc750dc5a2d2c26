using System.Net;
using System.Text.Json;
using Refunds.IntacctStandIn;
using StripeStandInServer = Refunds.StripeStandIn.StripeStandIn;

namespace Refunds.ChaosTests;

/// <summary>
/// The invariants of the issue, checked per refund against three independent records: the app's status API, the
/// Stripe stand-in's ledger and the Intacct stand-in's books. Every break is collected, not just the first.
/// </summary>
internal sealed class ChaosChecks(StripeStandInServer stripe, IntacctStandIn.IntacctStandIn intacct, RefundsClient client)
{
    private readonly List<string> _violations = [];

    public IReadOnlyList<string> Violations => _violations;

    public void Add(string violation) => _violations.Add(violation);

    public async Task CheckAsync(StartedRefund started, JsonElement? status)
    {
        var payment = started.Payment;
        var where = $"{payment.Org}/{payment.PaymentId} (refund {started.RefundId}, {payment.PaymentIntentId})";
        if (started.FromConflict && started.Attempts == 1)
        {
            _violations.Add($"{where}: the very first start answered 409, yet nobody had started a refund of it");
        }

        if (status is not { } json)
        {
            _violations.Add($"{where}: no status could be read");
            return;
        }

        var runtimeStatus = Text(json, "runtimeStatus");
        if (runtimeStatus != "Completed")
        {
            _violations.Add($"{where}: runtimeStatus {runtimeStatus}, step {Text(json, "step")}, intacct {Text(json.GetProperty("intacct"), "status")}, last error {LastError(json)}");
        }

        CheckStripe(started, json, where);
        CheckIntacct(payment, json, where);
        CheckInvoices(payment, json, where);
        await CheckPaymentRefundedAsync(started, where);
    }

    private void CheckStripe(StartedRefund started, JsonElement json, string where)
    {
        var payment = started.Payment;
        var refunds = stripe.RefundsFor(payment.PaymentIntentId);
        if (refunds.Count != 1)
        {
            _violations.Add($"{where}: {refunds.Count} Stripe refunds ({string.Join(", ", refunds.Select(r => $"{r.Id} {r.Status} {r.Amount}"))}), expected exactly 1");
            return;
        }

        var refund = refunds[0];
        if (refund.Status != "succeeded" || refund.Amount != payment.Amount || refund.Metadata.GetValueOrDefault("refund_id") != started.RefundId)
        {
            _violations.Add($"{where}: Stripe refund {refund.Id} is {refund.Status} of {refund.Amount} for refund_id {refund.Metadata.GetValueOrDefault("refund_id")}, expected succeeded of {payment.Amount}");
        }

        if (Text(json.GetProperty("stripe"), "refundId") != refund.Id)
        {
            _violations.Add($"{where}: status names Stripe refund {Text(json.GetProperty("stripe"), "refundId")}, Stripe holds {refund.Id}");
        }

        // Every attempt must reuse one key: a fresh key is a new refund request as far as Stripe is concerned.
        var keys = stripe.Requests
            .Where(r => r.Method == "POST" && r.Path == "/v1/refunds" && r.Parameters.GetValueOrDefault("payment_intent") == payment.PaymentIntentId)
            .Select(r => r.IdempotencyKey)
            .Distinct()
            .ToList();
        if (keys.Count != 1)
        {
            _violations.Add($"{where}: refund creations used {keys.Count} idempotency keys ({string.Join(", ", keys)}), expected 1");
        }
    }

    private void CheckIntacct(PaymentPlan payment, JsonElement json, string where)
    {
        var status = Text(json.GetProperty("intacct"), "status");
        if (payment.IntacctKey is null)
        {
            if (status != "NotApplicable")
            {
                _violations.Add($"{where}: not exported, yet Intacct status {status}");
            }

            return;
        }

        var arPayment = intacct.GetArPayment(payment.IntacctKey);
        if (status != "Succeeded" || arPayment is not { ReversalCount: 1, State: StandInArPaymentState.Reversed })
        {
            _violations.Add($"{where}: Intacct status {status}, AR payment {payment.IntacctKey} {arPayment?.State} with {arPayment?.ReversalCount} reversals, expected Succeeded and exactly 1; intacct view {json.GetProperty("intacct").GetRawText()}");
        }
    }

    private void CheckInvoices(PaymentPlan payment, JsonElement json, string where)
    {
        var actual = json.GetProperty("invoices").EnumerateArray().ToDictionary(i => Text(i, "invoiceId") ?? "", StringComparer.Ordinal);
        if (!actual.Keys.Order(StringComparer.Ordinal).SequenceEqual(payment.Invoices.Select(i => i.InvoiceId).Order(StringComparer.Ordinal)))
        {
            _violations.Add($"{where}: status lists invoices {string.Join(", ", actual.Keys)}, the payment paid {string.Join(", ", payment.Invoices.Select(i => i.InvoiceId))}");
            return;
        }

        foreach (var expected in payment.Invoices)
        {
            var invoice = actual[expected.InvoiceId];
            var paid = invoice.GetProperty("paidAmount").GetInt64();
            var status = Text(invoice, "status");
            var inCollections = invoice.GetProperty("inCollections").GetBoolean();
            var inDispute = invoice.GetProperty("inDispute").GetBoolean();
            if (paid != expected.PaidAfter || status != expected.StatusAfter || inCollections != expected.InCollectionsAfter || inDispute != expected.InDispute)
            {
                _violations.Add(
                    $"{where}: invoice {expected.InvoiceId} is paid {paid} {status} inCollections={inCollections} inDispute={inDispute}, expected paid {expected.PaidAfter} " +
                    $"{expected.StatusAfter} inCollections={expected.InCollectionsAfter} inDispute={expected.InDispute} (amount {expected.Amount}, paid before {expected.PaidBefore}, allocation {expected.Allocation})");
            }
        }
    }

    private async Task CheckPaymentRefundedAsync(StartedRefund started, string where)
    {
        var (status, body) = await client.StartAgainAsync(started.Payment);
        var code = body.TryGetProperty("code", out var c) ? c.GetString() : null;
        var named = body.TryGetProperty("refundId", out var r) ? r.GetString() : null;
        if (status != HttpStatusCode.Conflict || code != "payment_already_refunded" || named != started.RefundId)
        {
            _violations.Add($"{where}: a new start answered {(int)status} {code} naming {named}, expected 409 payment_already_refunded naming our refund");
        }
    }

    private static string LastError(JsonElement json) =>
        json.TryGetProperty("lastError", out var error) ? error.GetRawText() : "none";

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
