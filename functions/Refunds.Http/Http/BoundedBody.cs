namespace Refunds.Http.Http;

/// <summary>Reads a request body up to a limit of our own, whether it announces its length or arrives chunked.</summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is (or announces itself as) longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return Refuse(request.HttpContext);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return Refuse(request.HttpContext);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel counts chunked bytes as it parses them, ahead of what we have read, so its own (larger) limit
            // can trip while we are still under ours: the same refusal either way.
            return Refuse(request.HttpContext);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The rest of an oversized body is never read, so the connection cannot carry another request: say so, and
    /// Kestrel answers and closes instead of trying to drain megabytes it would refuse anyway.
    /// </summary>
    private static byte[]? Refuse(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return null;
    }
}
