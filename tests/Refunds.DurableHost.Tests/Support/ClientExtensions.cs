using Microsoft.DurableTask.Client;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests.Support;

internal static class ClientExtensions
{
    /// <summary>Polls until the instance's custom status contains <paramref name="fragment"/>.</summary>
    public static async Task<OrchestrationMetadata> WaitForCustomStatusAsync(this DurableTaskClient client, string instanceId, string fragment)
    {
        OrchestrationMetadata? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last?.SerializedCustomStatus?.Contains(fragment, StringComparison.Ordinal) == true;
            },
            TestHost.Patience,
            $"custom status of {instanceId} to contain '{fragment}' (last: {last?.RuntimeStatus} {last?.SerializedCustomStatus})",
            TimeSpan.FromMilliseconds(20));
        return last!;
    }

    public static async Task<OrchestrationMetadata> WaitForCompletionAsync(this DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TestHost.Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }
}
