using System.Net;
using Azure.Data.Tables;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Sync;

/// <summary>One Intacct AR payment belongs to one payment of an organization: a reversal cannot be undone or repeated.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntacctArPaymentSyncTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PutPayment_ArPaymentOfAnotherPayment_409AndNothingRecorded()
    {
        var org = Seed.NewOrg();
        var key = Seed.NewId("ar");

        using var first = await PutAsync(org, "pay_a", key);
        using var second = await PutAsync(org, "pay_b", key);
        using var otherOrganization = await PutAsync(Seed.NewOrg(), "pay_b", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
        Assert.Equal(HttpStatusCode.Created, otherOrganization.StatusCode);
        using var refund = await _app.SendAsync(HttpMethod.Post, $"/api/organizations/{org}/payments/pay_b/refunds", TestKeys.Admin(org));
        await ProblemAssert.IsProblemAsync(refund, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutPayment_SamePaymentAgain_200Unchanged()
    {
        var org = Seed.NewOrg();
        var key = Seed.NewId("ar");

        using var first = await PutAsync(org, "pay_a", key);
        using var again = await PutAsync(org, "pay_a", key);
        using var updated = await PutAsync(org, "pay_a", key, amount: 4_300);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(again)).GetProperty("outcome").GetString());
        Assert.Equal("updated", (await ProblemAssert.JsonAsync(updated)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task PutPayment_PaymentsRacingForOneArPayment_ExactlyOneRecorded()
    {
        var org = Seed.NewOrg();
        var key = Seed.NewId("ar");
        var payments = Enumerable.Range(0, 8).Select(i => $"pay_{i}").ToList();

        var responses = await Task.WhenAll(payments.Select(payment => PutAsync(org, payment, key)));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
            }

            var winner = payments[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.Created)];
            foreach (var payment in payments)
            {
                // Only the winner exists: a repeat of its PUT is unchanged, every other is refused again.
                using var repeat = await PutAsync(org, payment, key);
                if (payment == winner)
                {
                    Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(repeat)).GetProperty("outcome").GetString());
                }
                else
                {
                    await ProblemAssert.IsProblemAsync(repeat, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
                }
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task PutPayment_KeyChangedOrRemoved_ReleasesTheOldArPayment()
    {
        var org = Seed.NewOrg();
        var (first, second) = (Seed.NewId("ar"), Seed.NewId("ar"));

        using var created = await PutAsync(org, "pay_a", first);
        using var changed = await PutAsync(org, "pay_a", second);
        using var firstReused = await PutAsync(org, "pay_b", first);
        using var secondTaken = await PutAsync(org, "pay_c", second);
        using var removed = await PutAsync(org, "pay_a", key: null);
        using var secondReused = await PutAsync(org, "pay_c", second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("updated", (await ProblemAssert.JsonAsync(changed)).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Created, firstReused.StatusCode);
        await ProblemAssert.IsProblemAsync(secondTaken, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
        Assert.Equal("updated", (await ProblemAssert.JsonAsync(removed)).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Created, secondReused.StatusCode);
    }

    [Fact]
    public async Task PutPayment_ArPaymentReversedForARefundedPayment_409AndReversedOnce()
    {
        var key = Seed.NewId("ar");
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), intacctKey: key);
        using var started = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        await _app.WaitForStatusAsync(
            paid.Org, refundId, s => s.GetProperty("intacct").GetProperty("status").GetString() == "Succeeded", "the Intacct reversal");

        using var second = await PutAsync(paid.Org, Seed.NewId("pay_"), key);

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
        Assert.Equal(1, _app.Intacct.GetArPayment(key)!.ReversalCount);
    }

    [Fact]
    public async Task PutPayment_UnchangedPaymentRecordedBeforeClaims_ClaimsItsArPayment()
    {
        var org = Seed.NewOrg();
        var key = Seed.NewId("ar");
        using var created = await PutAsync(org, "pay_a", key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // As a payment recorded before AR payment claims existed: the payment row without its claim row.
        var table = new TableClient(azurite.ConnectionString, _app.TableName);
        using var deleted = await table.DeleteEntityAsync(org, "arpayment|" + key);
        using var again = await PutAsync(org, "pay_a", key);
        using var other = await PutAsync(org, "pay_b", key);

        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(again)).GetProperty("outcome").GetString());
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(org, "arpayment|" + key)).HasValue);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Conflict, "intacct_ar_payment_taken");
    }

    private Task<HttpResponseMessage> PutAsync(string org, string paymentId, string? key, long amount = 4_200) =>
        _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/payments/{paymentId}", TestKeys.Sync(), new
        {
            stripePaymentIntentId = "pi_" + org + "_" + paymentId,
            connectedAccountId = Seed.Account,
            amount,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            intacctArPaymentKey = key,
        });
}
