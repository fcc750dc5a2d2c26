using System.Xml.Linq;

namespace Refunds.Intacct.Xml;

internal enum IntacctStatus
{
    Unknown,
    Success,
    Failure,
    Aborted,
}

internal sealed record IntacctError(string Number, string Description, string Description2, string Correction);

/// <param name="SessionLifetime">sessiontimeout - sessiontimestamp when both are present: both come from Intacct's clock, so our clock's skew does not matter.</param>
internal sealed record IntacctAuthentication(IntacctStatus Status, TimeSpan? SessionLifetime, IReadOnlyList<IntacctError> Errors);

internal sealed record IntacctResult(IntacctStatus Status, string Function, string ControlId, IReadOnlyList<IntacctError> Errors, XElement? Data);

/// <summary>The three status levels of an Intacct answer: control, operation/authentication and each result.</summary>
internal sealed record IntacctResponse(
    IntacctStatus ControlStatus,
    IReadOnlyList<IntacctError> ControlErrors,
    IntacctAuthentication? Authentication,
    IReadOnlyList<IntacctResult> Results)
{
    public IEnumerable<IntacctError> AllErrors =>
        ControlErrors.Concat(Authentication?.Errors ?? []).Concat(Results.SelectMany(r => r.Errors));
}
