using System.Text.Json;

namespace Refunds.Http.Http;

/// <summary>
/// Reads a JSON body ourselves so every way it can be wrong (content type, size, syntax, shape) gets a
/// specific problem response instead of the framework's generic one.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return optional ? (null, null) : (null, Problems.Status(400, "Body required", "This request needs a JSON body.", "body_required"));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Status(415, "Unsupported media type", "Send the body as application/json.", "unsupported_media_type"));
        }

        var bytes = await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, Problems.Status(413, "Body too large", $"The body may be at most {MaxBytes} bytes.", "body_too_large"));
        }

        if (bytes.Length == 0)
        {
            return optional ? (null, null) : (null, Problems.Status(400, "Body required", "This request needs a JSON body.", "body_required"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, JsonDefaults.Options);
            return value is null && !optional
                ? (null, Problems.Status(400, "Body required", "This request needs a JSON object.", "body_required"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Status(400, "Malformed JSON", $"The body is not valid JSON for this request: {ex.Message}", "malformed_json"));
        }
    }
}
