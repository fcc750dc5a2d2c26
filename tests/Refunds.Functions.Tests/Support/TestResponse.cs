using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Refunds.Functions.Tests.Support;

/// <summary>What an HTTP call answered: status, headers and body, read once.</summary>
internal sealed record TestResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Code => Json.GetProperty("code").GetString();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static TestResponse From(HttpResponse response, string body) => new(
        response.StatusCode,
        response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        body);

    public static async Task<TestResponse> FromAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}
