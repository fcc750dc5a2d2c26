using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Refunds.IntegrationTests.Support;

/// <summary>
/// A body sent with <c>Transfer-Encoding: chunked</c> (no Content-Length, so no early refusal is possible): an
/// opening, then filler up to the total size. The server may stop reading at any point.
/// </summary>
public sealed class EndlessChunkedContent : HttpContent
{
    private readonly byte[] _opening;
    private readonly int _totalBytes;

    public EndlessChunkedContent(string opening, int totalBytes, string mediaType = "application/json")
    {
        _opening = Encoding.UTF8.GetBytes(opening);
        _totalBytes = totalBytes;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    public EndlessChunkedContent(int totalBytes)
        : this("{\"amount\": 1, \"pad\": \"", totalBytes)
    {
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_opening);
        var filler = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
        for (var sent = _opening.Length; sent < _totalBytes; sent += filler.Length)
        {
            await stream.WriteAsync(filler);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
