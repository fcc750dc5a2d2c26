namespace Refunds.Intacct.Transport;

/// <summary>
/// Reads the whole answer inside the attempt timeout and the concurrency slot; otherwise HttpClient would
/// read the body after every handler has returned, with no timeout and no slot held.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch (Exception)
        {
            response.Dispose();
            throw;
        }
    }
}
