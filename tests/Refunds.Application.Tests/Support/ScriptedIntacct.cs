using Refunds.Application.Ports;

namespace Refunds.Application.Tests.Support;

/// <summary>The Intacct port answering from a script and keeping every reversal request.</summary>
internal sealed class ScriptedIntacct : IIntacctReversals
{
    public Scripted<IntacctReversalOutcome> Reverse { get; } = new(nameof(ReverseArPaymentAsync));

    public List<IntacctReversalRequest> Requests { get; } = [];

    public Task<IntacctReversalOutcome> ReverseArPaymentAsync(IntacctReversalRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(Reverse.Next());
    }
}
