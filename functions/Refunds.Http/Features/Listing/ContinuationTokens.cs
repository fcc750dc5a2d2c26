using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Refunds.Http.Features.Listing;

/// <summary>
/// Seals a list's cursor into an opaque token bound to the list it came from (the organization, or the attention list)
/// and to the filters it was asked with, signed with HMAC-SHA256. A token a client altered, made up, or took from
/// another organization's list or other filters does not open; and every query is bounded to the caller's partition
/// anyway, so a token could never reach another organization's rows even if it did.
/// </summary>
public sealed partial class ContinuationTokens
{
    private readonly byte[][] _keys;

    public ContinuationTokens(IOptions<ListingOptions> options, ILogger<ContinuationTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.TokenKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (configured.FirstOrDefault(k => k.Length < ListingOptions.MinKeyLength) is not null)
        {
            throw new OptionsValidationException(
                ListingOptions.Section, typeof(ListingOptions), [$"Listing:TokenKeys: every key needs at least {ListingOptions.MinKeyLength} characters."]);
        }

        if (configured.Count == 0)
        {
            LogNoKey(logger);
            _keys = [RandomNumberGenerator.GetBytes(32)];
        }
        else
        {
            _keys = [.. configured.Select(k => Encoding.UTF8.GetBytes(k))];
        }
    }

    /// <param name="scope">Which list: <c>org:{orgId}</c> or <c>attention</c>.</param>
    /// <param name="filters">The list's filters in a canonical form: a token only continues the same query.</param>
    public string Seal(string scope, string filters, string cursor)
    {
        var payload = Encoding.UTF8.GetBytes(cursor);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(_keys[0], scope, filters, payload));
    }

    /// <summary>The cursor the token carries, or null when it was not sealed here for this scope and these filters.</summary>
    public string? Open(string token, string scope, string filters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024
            || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature))
        {
            return null;
        }

        return _keys.Any(key => CryptographicOperations.FixedTimeEquals(Sign(key, scope, filters, payload), signature))
            ? Encoding.UTF8.GetString(payload)
            : null;
    }

    private static byte[] Sign(byte[] key, string scope, string filters, byte[] payload)
    {
        // Length-prefixed parts, so that no two (scope, filters, cursor) triples sign the same bytes.
        using var message = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var part in new[] { Encoding.UTF8.GetBytes("refunds-list-v1"), Encoding.UTF8.GetBytes(scope), Encoding.UTF8.GetBytes(filters), payload })
        {
            BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
            message.Write(length);
            message.Write(part);
        }

        return HMACSHA256.HashData(key, message.ToArray());
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        try
        {
            var decoded = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
            if (Base64Url.TryDecodeFromChars(text, decoded, out var written))
            {
                bytes = decoded[..written];
                return true;
            }
        }
        catch (FormatException)
        {
            // The Try method still throws for some malformed input (stray bits in the last character): not a token either way.
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing:TokenKeys is not set: continuation tokens are signed with a key of this process only, so they fail on another instance or after a restart")]
    private static partial void LogNoKey(ILogger logger);
}
