namespace Refunds.Intacct.Transport;

/// <summary>
/// Keeps at most MaxConcurrentRequestsPerCompany requests in flight per company. It sits inside the retry
/// handler, so a request waiting for its next attempt does not hold a slot.
/// </summary>
internal sealed class CompanyConcurrencyHandler(IntacctCompanyGates gates) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> CompanyIdKey = new("Refunds.Intacct.CompanyId");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(CompanyIdKey, out var companyId))
        {
            throw new InvalidOperationException("An Intacct request must name its company in HttpRequestMessage.Options.");
        }

        var gate = gates.For(companyId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The inner buffering handler has read the whole answer, so Intacct is done with the request here.
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
