using System.Globalization;
using Refunds.Domain.Common;

namespace Refunds.Storage.Ledger;

/// <summary>
/// Every kind of row shares one partition per organization, told apart by a key prefix. Ids are checked against
/// <see cref="Ids"/> so a key can never contain the '|' separator or anything the service refuses.
/// </summary>
internal static class RowKeys
{
    public static string Payment(string paymentId) => "payment|" + Checked(paymentId, nameof(paymentId));

    public static string Invoice(string invoiceId) => "invoice|" + Checked(invoiceId, nameof(invoiceId));

    public const string CreditMemoPrefix = "creditmemo|";

    public static string CreditMemo(string creditMemoId) => CreditMemoPrefix + Checked(creditMemoId, nameof(creditMemoId));

    /// <summary>One row per organization.</summary>
    public const string Settings = "settings";

    /// <summary>Which payment of the organization holds an Intacct AR payment.</summary>
    public static string ArPaymentClaim(string arPaymentKey) => "arpayment|" + Checked(arPaymentKey, nameof(arPaymentKey));

    public static string Workflow(string refundId) => "workflow|" + Checked(refundId, nameof(refundId));

    /// <summary>Zero-padded so that the key order is the sequence order.</summary>
    public static string History(string refundId, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        return HistoryPrefix(refundId) + sequence.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string HistoryPrefix(string refundId) => "history|" + Checked(refundId, nameof(refundId)) + "|";

    /// <summary>A refund's summary row in its organization's partition, keyed newest first (see <see cref="NewestFirst"/>).</summary>
    public const string RefundIndexPrefix = "refundindex|";

    public static string RefundIndex(DateTimeOffset createdAt, string refundId) =>
        RefundIndexPrefix + NewestFirst(createdAt) + "|" + Checked(refundId, nameof(refundId));

    /// <summary>
    /// Summary rows of refunds created at or after <paramref name="createdAt"/> sort before this key, those created
    /// before it at or after it: newest first turns "created from" into an upper key bound and "created to" into a lower one.
    /// </summary>
    public static string RefundIndexBefore(DateTimeOffset createdAt) =>
        RefundIndexPrefix + Inverted(Milliseconds(createdAt) - TimeSpan.TicksPerMillisecond) + "|";

    /// <summary>Ticks counted down from the largest date, zero-padded: key order is then newest first.</summary>
    public static string NewestFirst(DateTimeOffset at) => Inverted(Milliseconds(at));

    /// <summary>The partition of the attention index: one row per record an orchestration still drives or ops must look at.</summary>
    /// <remarks>'|' cannot appear in an organization id, so no organization's partition can be this one.</remarks>
    public const string AttentionPartition = "attention|refunds";

    /// <summary>Oldest first: creation ticks, zero-padded, then the organization and the refund.</summary>
    public static string Attention(DateTimeOffset createdAt, string organizationId, string refundId) =>
        OldestFirst(createdAt) + "|" + Checked(organizationId, nameof(organizationId)) + "|" + Checked(refundId, nameof(refundId));

    public static string OldestFirst(DateTimeOffset at) => Milliseconds(at).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Where the ledger keeps its own bookkeeping, such as the progress of an index backfill.</summary>
    public const string MetaPartition = "ledger-meta|index";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> ('}' follows '|').</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + "}";

    /// <summary>
    /// Keys carry whole milliseconds: a record's key is computed again from its stored creation time on every write, and
    /// a key must not depend on how finely the store keeps times.
    /// </summary>
    /// <summary>
    /// A time at the keys' precision: a creation time stored beside its key at this precision reads back as a bound
    /// (createdFrom, createdTo) that selects its own row, whatever precision the store keeps for date-time columns.
    /// </summary>
    public static DateTimeOffset AtKeyPrecision(DateTimeOffset at) => new(Milliseconds(at), TimeSpan.Zero);

    private static long Milliseconds(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond);

    private static string Inverted(long ticks) =>
        (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    public static string Partition(string organizationId) => Checked(organizationId, nameof(organizationId));

    private static string Checked(string id, string name) =>
        Ids.IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a valid id (letters, digits, '_' and '-', at most {Ids.MaxLength}).", name);
}
