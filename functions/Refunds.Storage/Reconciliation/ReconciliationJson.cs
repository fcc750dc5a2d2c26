using System.Text.Json;
using System.Text.Json.Serialization;

namespace Refunds.Storage.Reconciliation;

// Stored shapes, apart from the application's records so that renaming a property cannot change what is stored.
internal sealed record StoredTotals(
    int Accounts, int AccountsFailed, int StripeRefunds, int StripeRequests, int OurRefunds, long EntitiesRead, Dictionary<string, int> OpenByCode, int Open, int Resolved);

internal sealed record StoredAccount(
    string ConnectedAccountId, int StripeRefunds, int StripeRequests, int OurRefunds, long EntitiesRead, Dictionary<string, int> FindingsByCode, string? Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredTotals))]
[JsonSerializable(typeof(StoredAccount))]
internal sealed partial class ReconciliationJson : JsonSerializerContext;
