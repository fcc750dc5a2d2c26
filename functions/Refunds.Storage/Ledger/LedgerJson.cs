using System.Text.Json;
using System.Text.Json.Serialization;

namespace Refunds.Storage.Ledger;

// Stored shapes of the list and record columns: separate from the domain records so that renaming a domain
// property cannot silently change what is already in the table.
internal sealed record StoredAllocation(string InvoiceId, long AmountMinor);

internal sealed record StoredReopenedInvoice(string InvoiceId, long RefundedMinor, string Status, bool InCollections);

internal sealed record StoredWorkflowError(string Step, DateTimeOffset At, string Message);

internal sealed record StoredFundsWait(long AvailableMinor, long PendingMinor, string Currency, DateTimeOffset CheckedAt, DateTimeOffset? GiveUpAt);
internal sealed record StoredIntacctError(string ErrorNumber, string Description, DateTimeOffset At);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<StoredAllocation>))]
[JsonSerializable(typeof(List<StoredReopenedInvoice>))]
[JsonSerializable(typeof(StoredWorkflowError))]
[JsonSerializable(typeof(StoredFundsWait))]
[JsonSerializable(typeof(StoredIntacctError))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class LedgerJson : JsonSerializerContext;
