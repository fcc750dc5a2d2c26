using System.Text.RegularExpressions;

namespace Refunds.Domain.Common;

/// <summary>
/// Identifiers become table keys and URL segments, so they are restricted to a safe alphabet:
/// no quotes, slashes or OData metacharacters can ever reach a storage query.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && SafeId().IsMatch(id);

    public static string NewRefundId(Guid guid) => "rf_" + guid.ToString("N");

    // \z, not $: in .NET "$" also matches before a trailing "\n", which would let "abc\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
