using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Refunds.Http.Http;

namespace Refunds.Http.Features.DurableManagement;

public sealed class DurableManagementOptions
{
    /// <summary>The configuration section the local host's Durable settings live in.</summary>
    public const string Section = "Durable";

    /// <summary>
    /// The key Durable's management routes want, as <c>code=</c> or an <c>x-functions-key</c> header (the Functions
    /// host's own API takes its durabletask_extension system key the same way). Unset: every call is refused.
    /// </summary>
    public string? ManagementKey { get; set; }
}

/// <summary>Marks the routes that take the management key instead of a bearer token (for the OpenAPI document).</summary>
public sealed class ManagementKeyMetadata
{
    public static readonly ManagementKeyMetadata Instance = new();
}

/// <summary>Refuses (401) every call that does not carry the configured management key; never lets one through when none is configured.</summary>
public sealed class ManagementKeyFilter(IOptions<DurableManagementOptions> options) : IEndpointFilter
{
    public const string Header = "x-functions-key";
    public const string Query = "code";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var given = request.Headers[Header].FirstOrDefault() ?? request.Query[Query].FirstOrDefault();
        if (options.Value.ManagementKey is not { Length: > 0 } key)
        {
            return Refused("Durable's management API is off: no Durable:ManagementKey is configured.");
        }

        return given is not null && SameKey(given, key) ? await next(context) : Refused($"A valid management key is required, as '{Query}' or the {Header} header.");
    }

    /// <summary>Compares digests in constant time, so neither the key's length nor its content leaks through timing.</summary>
    private static bool SameKey(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static IResult Refused(string detail) => Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", detail, "unauthorized");
}
