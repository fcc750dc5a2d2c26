using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Refunds.StripeStandIn.Webhooks;

/// <summary>Stripe's webhook signature: <c>t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>.</summary>
public static class WebhookSignature
{
    public static string Header(string secret, string body, DateTimeOffset timestamp) =>
        Header(Encoding.UTF8.GetBytes(secret), body, timestamp);

    internal static string Header(byte[] secret, string body, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{t}.{body}")));
        return $"t={t},v1={signature}";
    }
}
