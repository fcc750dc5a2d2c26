using System.Globalization;
using System.Xml;
using Microsoft.Extensions.Primitives;

namespace Refunds.Http.Features.Listing;

/// <summary>Reads list query parameters, collecting every problem at once for one <c>validation_failed</c> answer.</summary>
internal sealed class ListQuery(IQueryCollection query)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public Dictionary<string, string[]> Errors { get; } = [];

    public int PageSize()
    {
        if (Single("pageSize") is not { } text)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize)
        {
            return size;
        }

        Errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxPageSize}."];
        return DefaultPageSize;
    }

    /// <summary>A date-time with an offset (<c>2026-01-31T00:00:00Z</c>), or a date (midnight UTC).</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Single(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        Errors[name] = [$"{name} must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z."];
        return null;
    }

    /// <summary>An ISO 8601 duration (<c>PT6H</c>, <c>P2D</c>) back from <paramref name="now"/>, or a date-time.</summary>
    public DateTimeOffset? TimeOrAgo(string name, DateTimeOffset now)
    {
        if (Single(name) is { Length: > 1 } text && text[0] is 'P' or 'p')
        {
            try
            {
                var ago = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                if (ago > TimeSpan.Zero)
                {
                    return now - ago;
                }
            }
            catch (FormatException)
            {
                // Reported below with the date-time form.
            }

            Errors[name] = [$"{name} must be a positive ISO 8601 duration such as PT6H or P2D, or a date-time such as 2026-01-31T00:00:00Z."];
            return null;
        }

        return Time(name);
    }

    /// <summary>Every value of a repeatable parameter; comma-separated values count as repeated too.</summary>
    public IReadOnlyList<string> Repeated(string name) =>
        query.TryGetValue(name, out var values)
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];

    /// <summary>The one value of a parameter; absent or empty is null, repeated is an error.</summary>
    public string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            Errors[name] = [$"{name} may be given once."];
            return null;
        }

        return values[0];
    }

    /// <summary>Each value mapped through <paramref name="accepted"/> (case-sensitive); unknown ones are reported with the accepted list.</summary>
    public IReadOnlySet<T> OneOf<T>(string name, IReadOnlyDictionary<string, T> accepted)
        where T : notnull
    {
        var parsed = new HashSet<T>();
        foreach (var value in Repeated(name))
        {
            if (accepted.TryGetValue(value, out var known))
            {
                parsed.Add(known);
            }
            else
            {
                Errors[name] = [$"Each {name} must be one of {string.Join(", ", accepted.Keys)}."];
            }
        }

        return parsed;
    }
}
