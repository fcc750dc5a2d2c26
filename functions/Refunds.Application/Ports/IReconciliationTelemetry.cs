using Refunds.Domain.Reconciliation;

namespace Refunds.Application.Ports;

/// <summary>Counts what reconciliation runs find, per finding class; the host decides how it is exported.</summary>
public interface IReconciliationTelemetry
{
    /// <summary>A run ended: its open findings per class, and how many it showed as resolved.</summary>
    void RunCompleted(string status, IReadOnlyDictionary<FindingCode, int> openByCode, int resolved);
}

public sealed class NoReconciliationTelemetry : IReconciliationTelemetry
{
    public void RunCompleted(string status, IReadOnlyDictionary<FindingCode, int> openByCode, int resolved)
    {
    }
}
