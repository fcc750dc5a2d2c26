using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Intacct.Session;
using Refunds.Intacct.Transport;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Reversals;

/// <summary>
/// reverse_arpayment over the XML gateway. Whenever Intacct did not plainly say "done" (duplicate control id,
/// any business error, unknown outcome) the payment's ARPYMT state decides: reversed counts as done, whoever
/// reversed it, since a reversal cannot be undone and the goal is reached either way.
/// </summary>
internal sealed partial class IntacctReversals(
    IntacctSessionClient client,
    ArPaymentReader payments,
    IOptions<IntacctOptions> options,
    ILogger<IntacctReversals> logger) : IIntacctReversals
{
    private const string Function = "reverse_arpayment";

    public async Task<IntacctReversalOutcome> ReverseArPaymentAsync(IntacctReversalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var resends = 0; ; resends++)
        {
            IntacctResponse response;
            try
            {
                response = await client.SendAsync(
                    session => IntacctRequestBuilder.ReverseArPayment(options.Value, session.SessionId, request),
                    Function,
                    cancellationToken);
            }
            catch (IntacctOutcomeUnknownException ex)
            {
                LogOutcomeUnknown(logger, request.ControlId, request.ArPaymentKey, ex.Message);
                if (await payments.ReadStateAsync(request.ArPaymentKey, cancellationToken) == ArPaymentState.Reversed)
                {
                    LogAlreadyReversed(logger, request.ControlId, request.ArPaymentKey, "unknown outcome");
                    return new IntacctReversalOutcome.Reversed(WasDuplicate: true);
                }

                if (resends >= options.Value.MaxResendsAfterUnknownOutcome)
                {
                    throw new IntacctUnavailableException(
                        $"The outcome of reversing AR payment {request.ArPaymentKey} stayed unknown after {resends + 1} sends: {ex.Message}", ex);
                }

                continue;
            }

            return await InterpretAsync(request, response, cancellationToken);
        }
    }

    private async Task<IntacctReversalOutcome> InterpretAsync(IntacctReversalRequest request, IntacctResponse response, CancellationToken cancellationToken)
    {
        if (response.ControlStatus == IntacctStatus.Success && response.Results is [{ Status: IntacctStatus.Success }])
        {
            LogReversed(logger, request.ControlId, request.ArPaymentKey);
            return new IntacctReversalOutcome.Reversed(WasDuplicate: false);
        }

        var errors = response.AllErrors.ToList();
        var duplicate = errors.Any(IntacctErrors.IsDuplicateControlId);
        if (!duplicate && (response.ControlStatus != IntacctStatus.Success || response.Results.Count == 0))
        {
            // The envelope itself was refused (sender, XML, DTD): a setup problem, not this payment's.
            throw new IntacctUnavailableException($"Intacct refused the {Function} request: {IntacctErrors.Summarize(errors)}");
        }

        if (await payments.ReadStateAsync(request.ArPaymentKey, cancellationToken) == ArPaymentState.Reversed)
        {
            LogAlreadyReversed(logger, request.ControlId, request.ArPaymentKey, duplicate ? "duplicate control id" : IntacctErrors.Summarize(errors));
            return new IntacctReversalOutcome.Reversed(WasDuplicate: true);
        }

        var primary = IntacctErrors.Primary(errors) ?? new IntacctError("unknown", "", $"{Function} did not succeed and Intacct gave no error.", "");
        LogFailed(logger, request.ControlId, request.ArPaymentKey, IntacctErrors.Summarize(errors));
        return new IntacctReversalOutcome.Failed(primary.Number, IntacctErrors.Describe(primary));
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Reversed AR payment {ArPaymentKey} in Intacct (control id {ControlId})")]
    private static partial void LogReversed(ILogger logger, string controlId, string arPaymentKey);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "AR payment {ArPaymentKey} is already reversed in Intacct (control id {ControlId}; {Reason})")]
    private static partial void LogAlreadyReversed(ILogger logger, string controlId, string arPaymentKey, string reason);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Intacct refused to reverse AR payment {ArPaymentKey} (control id {ControlId}): {Errors}")]
    private static partial void LogFailed(ILogger logger, string controlId, string arPaymentKey, string errors);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Outcome of reversing AR payment {ArPaymentKey} is unknown (control id {ControlId}): {Reason}; reading it before any resend")]
    private static partial void LogOutcomeUnknown(ILogger logger, string controlId, string arPaymentKey, string reason);
}
