using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Refunds.Intacct.Transport;

/// <summary>One semaphore per Intacct company for the whole process (a singleton; handlers come and go).</summary>
internal sealed class IntacctCompanyGates(IOptions<IntacctOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public SemaphoreSlim For(string companyId) =>
        _gates.GetOrAdd(companyId, _ => new SemaphoreSlim(options.Value.MaxConcurrentRequestsPerCompany));

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }
}
