using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Refunds.ChaosTests;

/// <summary>How a refund was started: the id, and whether it came from a 409 naming an attempt whose answer was lost.</summary>
internal sealed record StartedRefund(PaymentPlan Payment, string RefundId, int Attempts, bool FromConflict);

/// <summary>The app's HTTP API as the test uses it, always against the app process's current address.</summary>
internal sealed class RefundsClient(HttpClient http, AppProcess app, ChaosKeys keys)
{
    private static readonly TimeSpan StartRetryBudget = TimeSpan.FromSeconds(120);
    private const int MaxStartAttempts = 400;
    private const int StatusParallelism = 8;

    private readonly ConcurrentDictionary<string, string> _adminTokens = new(StringComparer.Ordinal);
    private readonly string _syncToken = keys.Sync();

    public async Task PutAsync(string path, object body)
    {
        using var response = await SendAsync(HttpMethod.Put, path, _syncToken, body);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Starts the refund, retrying while the app is down or failing, until a 202 or a 409 that names the refund an
    /// earlier, unanswered attempt created. Anything else means the product lost or refused something it should not.
    /// </summary>
    public async Task<StartedRefund> StartRefundAsync(PaymentPlan payment)
    {
        var path = StartPath(payment);
        var clock = Stopwatch.StartNew();
        var lastProblem = "none";
        for (var attempt = 1; attempt <= MaxStartAttempts && clock.Elapsed < StartRetryBudget; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Post, path, Admin(payment.Org), new { reason = "requested_by_customer", comment = "chaos" });
                var text = await response.Content.ReadAsStringAsync();
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted:
                        return new StartedRefund(payment, RefundId(text, path), attempt, FromConflict: false);
                    case HttpStatusCode.Conflict:
                        return new StartedRefund(payment, RefundId(text, path), attempt, FromConflict: true);
                    case >= HttpStatusCode.InternalServerError:
                        lastProblem = $"{(int)response.StatusCode}: {text}";
                        break;
                    default:
                        throw new InvalidOperationException($"POST {path} (attempt {attempt}) answered {(int)response.StatusCode}: {text}");
                }
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e)
            {
                lastProblem = "timeout: " + e.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"POST {path} got neither 202 nor 409 within {StartRetryBudget.TotalSeconds} s; last: {lastProblem}");
    }

    /// <summary>One more start after the refund completed: the payment is refunded, so 409 naming our refund.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> StartAgainAsync(PaymentPlan payment)
    {
        using var response = await SendAsync(HttpMethod.Post, StartPath(payment), Admin(payment.Org), null);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(text));
    }

    /// <summary>The refund's status, or null while the app cannot answer (down, restarting, storage away).</summary>
    public async Task<JsonElement?> TryGetRefundAsync(string org, string refundId)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/organizations/{org}/refunds/{refundId}", Admin(org), null);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Polls until every refund is terminal and every exported payment's reversal has settled (Succeeded, or Failed,
    /// which the checks report), within <paramref name="budget"/>; what is still open then is counted, not awaited.
    /// </summary>
    public async Task<(Dictionary<string, JsonElement> Latest, int Open)> WaitUntilSettledAsync(IReadOnlyList<StartedRefund> started, TimeSpan budget)
    {
        var waiting = Stopwatch.StartNew();
        var latest = new ConcurrentDictionary<string, JsonElement>(StringComparer.Ordinal);
        var open = started.ToList();
        while (open.Count > 0 && waiting.Elapsed < budget)
        {
            var settled = new ConcurrentBag<StartedRefund>();
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = StatusParallelism }, async (refund, _) =>
            {
                if (await TryGetRefundAsync(refund.Payment.Org, refund.RefundId) is { } status)
                {
                    latest[refund.RefundId] = status;
                    if (IsSettled(refund, status))
                    {
                        settled.Add(refund);
                    }
                }
            });
            open = [.. open.Except(settled)];
            if (open.Count > 0)
            {
                await Task.Delay(500);
            }
        }

        return (new Dictionary<string, JsonElement>(latest, StringComparer.Ordinal), open.Count);
    }

    private static bool IsSettled(StartedRefund refund, JsonElement status)
    {
        var runtimeStatus = status.GetProperty("runtimeStatus").GetString();
        var intacctStatus = status.GetProperty("intacct").GetProperty("status").GetString();
        return runtimeStatus switch
        {
            "Completed" => refund.Payment.IntacctKey is null || intacctStatus is "Succeeded" or "Failed",
            "Failed" or "Canceled" => true,
            _ => false,
        };
    }

    private static string StartPath(PaymentPlan payment) => $"/api/organizations/{payment.Org}/payments/{payment.PaymentId}/refunds";

    private static string RefundId(string body, string path)
    {
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        return json.TryGetProperty("refundId", out var id) && id.GetString() is { Length: > 0 } refundId
            ? refundId
            : throw new InvalidOperationException($"POST {path} answered without a refundId: {body}");
    }

    private string Admin(string org) => _adminTokens.GetOrAdd(org, keys.Admin);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(app.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }
}
