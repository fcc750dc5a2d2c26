using Microsoft.DurableTask;

namespace Refunds.DurableHost.Client;

/// <summary>
/// Lets DurableTask.Core's client serialize with the SDK's converter (System.Text.Json by default), so the inputs and
/// events it writes are what the SDK shims on the worker side read. DurableTask.Core's own converter is Newtonsoft.
/// </summary>
internal sealed class CoreDataConverter(DataConverter inner) : global::DurableTask.Core.Serializing.DataConverter
{
    public override string? Serialize(object? value) => inner.Serialize(value);

    public override string? Serialize(object? value, bool formatted) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => inner.Deserialize(data, objectType);
}
