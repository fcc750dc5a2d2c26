using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Intacct.Session;
using Refunds.Intacct.Transport;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Reversals;

internal enum ArPaymentState
{
    NotFound,
    NotReversed,
    Reversed,
}

/// <summary>
/// Reads ARPYMT to learn whether a payment is reversed. Relies on one field only: STATE = "Reversed"
/// (the reversing entry itself carries "Reversal", which must not count).
/// </summary>
internal sealed class ArPaymentReader(IntacctSessionClient client, IOptions<IntacctOptions> options)
{
    private const string ReversedState = "Reversed";

    /// <exception cref="IntacctUnavailableException">The state could not be read.</exception>
    public async Task<ArPaymentState> ReadStateAsync(string recordNo, CancellationToken cancellationToken)
    {
        IntacctResponse response;
        try
        {
            response = await client.SendAsync(
                session => IntacctRequestBuilder.ReadArPayment(options.Value, session.SessionId, recordNo, $"read-{Guid.NewGuid():N}"),
                "read ARPYMT",
                cancellationToken);
        }
        catch (IntacctOutcomeUnknownException ex)
        {
            throw new IntacctUnavailableException($"Could not read AR payment {recordNo}: {ex.Message}", ex);
        }

        var result = response.Results.Count > 0 ? response.Results[0] : null;
        if (response.ControlStatus != IntacctStatus.Success || result?.Status != IntacctStatus.Success)
        {
            throw new IntacctUnavailableException(
                $"Could not read AR payment {recordNo}: {IntacctErrors.Summarize(response.AllErrors)}");
        }

        var payment = result.Data?.Elements().FirstOrDefault();
        if (payment is null)
        {
            return ArPaymentState.NotFound;
        }

        var state = payment.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, "STATE", StringComparison.OrdinalIgnoreCase))?.Value.Trim();
        return string.Equals(state, ReversedState, StringComparison.OrdinalIgnoreCase) ? ArPaymentState.Reversed : ArPaymentState.NotReversed;
    }
}
