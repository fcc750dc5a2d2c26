using Refunds.Application.Ports;
using Refunds.Domain.Reconciliation;

namespace Refunds.Http.Telemetry;

/// <summary>Reconciliation findings as metrics: one series per finding class, zero included.</summary>
public sealed class CountedReconciliation(RefundsInstrumentation instrumentation) : IReconciliationTelemetry
{
    public void RunCompleted(string status, IReadOnlyDictionary<FindingCode, int> openByCode, int resolved)
    {
        ArgumentNullException.ThrowIfNull(openByCode);
        instrumentation.RecordReconciliation(
            status,
            FindingCodes.All.ToDictionary(code => code.ToWire(), code => openByCode.GetValueOrDefault(code), StringComparer.Ordinal),
            resolved);
    }
}
