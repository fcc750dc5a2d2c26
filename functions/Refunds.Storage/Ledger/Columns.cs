using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using Refunds.Domain.Common;

namespace Refunds.Storage.Ledger;

/// <summary>
/// Typed access to entity columns. A required column that is missing or unreadable means the row is corrupt
/// or was written by incompatible code: that throws, it is not an expected outcome.
/// </summary>
internal static class Columns
{
    public static TableEntity NewRow(string partitionKey, string rowKey, string kind) =>
        new(partitionKey, rowKey) { [RowKinds.Column] = kind };

    public static void SetMoney(TableEntity row, string name, Money money)
    {
        row[name + "Minor"] = money.MinorUnits;
        row[name + "Currency"] = money.Currency;
    }

    public static Money GetMoney(TableEntity row, string name) =>
        new(Int64(row, name + "Minor"), String(row, name + "Currency"));

    /// <summary>Absent values are not written: a replace then removes the column, and a read gives null back.</summary>
    public static void SetOptional(TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }

    public static void SetEnum<TEnum>(TableEntity row, string name, TEnum? value)
        where TEnum : struct, Enum =>
        SetOptional(row, name, value?.ToString());

    public static void SetJson<T>(TableEntity row, string name, T value, JsonTypeInfo<T> typeInfo) =>
        row[name] = System.Text.Json.JsonSerializer.Serialize(value, typeInfo);

    public static string String(TableEntity row, string name) => row.GetString(name) ?? throw Missing(row, name);

    public static string? OptionalString(TableEntity row, string name) => row.GetString(name);

    public static long Int64(TableEntity row, string name) => row.GetInt64(name) ?? throw Missing(row, name);

    public static int Int32(TableEntity row, string name) => row.GetInt32(name) ?? throw Missing(row, name);

    public static bool Boolean(TableEntity row, string name) => row.GetBoolean(name) ?? throw Missing(row, name);

    public static DateTimeOffset Time(TableEntity row, string name) => row.GetDateTimeOffset(name) ?? throw Missing(row, name);

    public static DateTimeOffset? OptionalTime(TableEntity row, string name) => row.GetDateTimeOffset(name);

    public static TEnum Enum<TEnum>(TableEntity row, string name)
        where TEnum : struct, Enum =>
        ParseEnum<TEnum>(row, name, String(row, name));

    public static TEnum? OptionalEnum<TEnum>(TableEntity row, string name)
        where TEnum : struct, Enum =>
        row.GetString(name) is { } text ? ParseEnum<TEnum>(row, name, text) : null;

    public static T Json<T>(TableEntity row, string name, JsonTypeInfo<T> typeInfo) =>
        System.Text.Json.JsonSerializer.Deserialize(String(row, name), typeInfo) ?? throw Missing(row, name);

    public static T? OptionalJson<T>(TableEntity row, string name, JsonTypeInfo<T> typeInfo)
        where T : class =>
        row.GetString(name) is { } text ? System.Text.Json.JsonSerializer.Deserialize(text, typeInfo) : null;

    private static TEnum ParseEnum<TEnum>(TableEntity row, string name, string text)
        where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey}: column {name} holds '{text}', not a {typeof(TEnum).Name}.");

    private static InvalidDataException Missing(TableEntity row, string name) =>
        new($"Row {row.PartitionKey}/{row.RowKey} has no {name} column.");
}
