namespace Refunds.Http.Http;

/// <summary>
/// Refuses requests whose headers are larger than any real client sends, with a problem response. Kestrel's
/// own limit stays higher as the hard stop, because its rejection has no body to explain itself.
/// </summary>
public static class HeaderLimits
{
    public const int MaxTotalBytes = 16 * 1024;
    public const int KestrelHardLimitBytes = 64 * 1024;

    public static IApplicationBuilder UseHeaderLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Check(context.Request) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The 431 problem for headers over <see cref="MaxTotalBytes"/>, or null when they fit.</summary>
    public static IResult? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = 0;
        foreach (var (name, values) in request.Headers)
        {
            total += name.Length + values.Sum(v => v?.Length ?? 0);
        }

        return total > MaxTotalBytes
            ? Problems.Status(
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                "Request headers too large",
                $"The request headers add up to {total} bytes; at most {MaxTotalBytes} are accepted.",
                "headers_too_large")
            : null;
    }
}
