using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>A span and metrics around one activity's step; the host decides how they are exported.</summary>
public interface IMoveTelemetry
{
    IMoveRun Start(string organizationId, string refundId, RefundStep step);
}

/// <summary>Set <see cref="Outcome"/> before disposing; a run disposed without one counts as an error.</summary>
public interface IMoveRun : IDisposable
{
    string Outcome { set; }
}

/// <summary>For hosts without telemetry.</summary>
public sealed class NoMoveTelemetry : IMoveTelemetry, IMoveRun
{
    public string Outcome
    {
        set { }
    }

    public IMoveRun Start(string organizationId, string refundId, RefundStep step) => this;

    public void Dispose()
    {
    }
}
