using System.Globalization;
using System.Text.Json.Nodes;
using Refunds.StripeStandIn.Api;

namespace Refunds.StripeStandIn.Ledger;

/// <summary>The Stripe endpoints' behaviour, each atomic under the ledger's lock.</summary>
internal sealed partial class StandInLedger
{
    private static readonly HashSet<string> Reasons = ["duplicate", "fraudulent", "requested_by_customer"];

    /// <summary>
    /// Stripe's idempotency layer: a key is scoped to the account; the same parameters replay the saved answer,
    /// other parameters are an <c>idempotency_error</c>. Answers from before the endpoint ran are not saved.
    /// </summary>
    public ApiResponse Idempotent(string? account, string? key, string fingerprint, Func<ApiResponse> execute)
    {
        lock (gate)
        {
            if (key is null)
            {
                return execute();
            }

            var scope = (account ?? string.Empty, key);
            if (idempotency.TryGetValue(scope, out var saved) && Clock.GetUtcNow() - saved.At >= options.IdempotencyKeyLifetime)
            {
                idempotency.Remove(scope);
                saved = null;
            }

            if (saved is not null)
            {
                return saved.Fingerprint == fingerprint
                    ? saved.Response with { Replayed = true }
                    : StripeErrors.IdempotencyMismatch(key);
            }

            var response = execute();
            if (response.Saved && (response.Status < 400 || options.ReplayErrors))
            {
                idempotency[scope] = new SavedResult(fingerprint, response, Clock.GetUtcNow());
            }

            return response;
        }
    }

    public ApiResponse CreateRefund(string account, IReadOnlyDictionary<string, string> form)
    {
        lock (gate)
        {
            if (!form.TryGetValue("payment_intent", out var paymentIntentId) || string.IsNullOrEmpty(paymentIntentId))
            {
                return StripeErrors.InvalidParam("payment_intent", "One of the following params should be provided for this request: payment_intent or charge.", "parameter_missing");
            }

            var reason = form.GetValueOrDefault("reason");
            if (reason is not null && !Reasons.Contains(reason))
            {
                return StripeErrors.InvalidParam("reason", $"Invalid reason: must be one of {string.Join(", ", Reasons.Order())}");
            }

            long? requestedAmount = null;
            if (form.TryGetValue("amount", out var amountText))
            {
                if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
                {
                    return StripeErrors.InvalidParam("amount", "Invalid positive integer", "parameter_invalid_integer");
                }

                requestedAmount = parsed;
            }

            if (!TryFindPaymentIntent(account, paymentIntentId, out var paymentIntent))
            {
                return StripeErrors.NoSuch("payment_intent", paymentIntentId, "payment_intent");
            }

            var refundable = paymentIntent.Amount - refunds.Values.Where(r => r.PaymentIntent == paymentIntent && r.Holds).Sum(r => r.Amount);
            if (refundable == 0)
            {
                return StripeErrors.Error(400, "invalid_request_error", $"Charge {paymentIntent.ChargeId} has already been refunded.", "charge_already_refunded");
            }

            var amount = requestedAmount ?? refundable;
            if (amount > refundable)
            {
                return StripeErrors.Error(400, "invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable})", "amount_too_large", "amount");
            }

            var script = paymentIntent.Script;
            var balance = Balance(account, paymentIntent.Currency);
            if (!script.DefersBalanceCheck && balance.Available < amount)
            {
                // Real Stripe sends no `code` here, only `message_code` in the raw body.
                return StripeErrors.Error(400, "invalid_request_error", "Insufficient funds in your Stripe balance to refund this amount.", messageCode: "insufficient_balance_for_refund");
            }

            var refund = new RefundRecord
            {
                Id = NewId("re_"),
                Sequence = ++sequence,
                Account = account,
                PaymentIntent = paymentIntent,
                Amount = amount,
                Reason = reason,
                Metadata = Metadata(form),
                Created = Clock.GetUtcNow(),
                Script = script,
                Status = script.InitialStatus,
                PendingReason = script.InitialStatus == "pending" ? script.PendingReason : null,
            };
            if (!script.DefersBalanceCheck)
            {
                balance.Available -= amount;
                refund.Debited = true;
                refund.BalanceTransaction = NewId("txn_");
            }

            refunds[refund.Id] = refund;
            EventRaised?.Invoke("refund.created", account, refund.ToJson());
            return ApiResponse.Ok(refund.ToJson());
        }
    }

    public ApiResponse RetrieveRefund(string account, string refundId)
    {
        lock (gate)
        {
            if (!refunds.TryGetValue(refundId, out var refund) || refund.Account != account)
            {
                return StripeErrors.NoSuch("refund", refundId, "id");
            }

            refund.Retrieves++;
            if (!refund.IsFinal && refund.Script.SettleAfterRetrieves is { } after && refund.Retrieves >= after)
            {
                Move(refund, refund.Script.FinalStatus, refund.Script.FailureReason);
            }

            return ApiResponse.Ok(refund.ToJson());
        }
    }

    public ApiResponse ListRefunds(string account, IReadOnlyDictionary<string, string> query)
    {
        lock (gate)
        {
            var limit = 10;
            if (query.TryGetValue("limit", out var limitText)
                && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
            {
                return StripeErrors.InvalidParam("limit", "Invalid integer: limit must be between 1 and 100", "parameter_invalid_integer");
            }

            IEnumerable<RefundRecord> matching = refunds.Values.Where(r => r.Account == account);
            if (query.TryGetValue("payment_intent", out var paymentIntentId))
            {
                if (!TryFindPaymentIntent(account, paymentIntentId, out var paymentIntent))
                {
                    return StripeErrors.NoSuch("payment_intent", paymentIntentId, "payment_intent");
                }

                matching = matching.Where(r => r.PaymentIntent == paymentIntent);
            }

            if (CreatedFilter.Parse(query) is not { } created)
            {
                return StripeErrors.InvalidParam("created", "Invalid timestamp: created[gt|gte|lt|lte] must be Unix seconds.", "parameter_invalid_integer");
            }

            // Stripe lists newest first; starting_after continues after the given object.
            var ordered = matching.Where(r => created.Holds(r.Created)).OrderByDescending(r => r.Created).ThenByDescending(r => r.Sequence).ToList();
            if (query.TryGetValue("starting_after", out var after))
            {
                var index = ordered.FindIndex(r => r.Id == after);
                if (index < 0)
                {
                    return StripeErrors.NoSuch("refund", after, "starting_after");
                }

                ordered = ordered[(index + 1)..];
            }

            var data = new JsonArray([.. ordered.Take(limit).Select(r => (JsonNode)r.ToJson())]);
            return ApiResponse.Ok(new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["has_more"] = ordered.Count > limit,
                ["url"] = "/v1/refunds",
            });
        }
    }

    public ApiResponse BalanceOf(string account)
    {
        lock (gate)
        {
            // Stripe always lists the account's currencies; here: those it has balances or payments in.
            var currencies = balances.Keys.Where(k => k.Account == account).Select(k => k.Currency)
                .Concat(paymentIntents.Values.Where(p => p.Account == account).Select(p => p.Currency))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (currencies.Count == 0)
            {
                currencies.Add("usd");
            }

            var available = new JsonArray();
            var pending = new JsonArray();
            foreach (var currency in currencies)
            {
                var balance = Balance(account, currency);
                available.Add(Amount(balance.Available, currency));
                pending.Add(Amount(balance.Pending, currency));
            }

            return ApiResponse.Ok(new JsonObject
            {
                ["object"] = "balance",
                ["available"] = available,
                ["livemode"] = false,
                ["pending"] = pending,
            });
        }
    }

    /// <summary>The account's payment intent; an unknown one is created first when <see cref="StripeStandInOptions.AutoCreatePaymentIntents"/> is on.</summary>
    private bool TryFindPaymentIntent(string account, string paymentIntentId, out PaymentIntentRecord paymentIntent)
    {
        if (!paymentIntents.TryGetValue(paymentIntentId, out var found) && options.AutoCreatePaymentIntents)
        {
            found = NewPaymentIntent(account, paymentIntentId, options.AutoCreatedPaymentIntentAmount, options.AutoCreatedPaymentIntentCurrency, "card");
            paymentIntents[paymentIntentId] = found;
        }

        paymentIntent = found!;
        return found is not null && found.Account == account;
    }

    private static JsonObject Amount(long amount, string currency) =>
        new() { ["amount"] = amount, ["currency"] = currency, ["source_types"] = new JsonObject { ["card"] = amount } };

    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> form)
    {
        const string prefix = "metadata[";
        return form
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.EndsWith(']'))
            .ToDictionary(p => p.Key[prefix.Length..^1], p => p.Value, StringComparer.Ordinal);
    }
}
