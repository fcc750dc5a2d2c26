using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Refunds.IntegrationTests.Support;

/// <summary>
/// Sends a chunked body over a raw connection while reading the answer at the same time. HttpClient reads an
/// HTTP/1.1 answer only after it has sent the whole body, so a server that refuses early and then closes the
/// connection (as it must, with megabytes unread) looks to it like a broken pipe whenever the rest of the body
/// no longer fits the socket buffers: a race the test would lose under load, whatever the server answered.
/// </summary>
public static class EarlyAnswerClient
{
    public sealed record Answer(int Status, string Body);

    /// <returns>The answer, or null when the connection was reset before any of it could be read (inconclusive).</returns>
    public static async Task<Answer?> SendChunkedAsync(
        Uri baseAddress, string method, string path, IReadOnlyDictionary<string, string> headers, string opening, int totalBytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), timeout.Token);
        var reading = ReadToEndAsync(stream, timeout.Token);
        try
        {
            await WriteChunkAsync(stream, Encoding.UTF8.GetBytes(opening), timeout.Token);
            var filler = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
            for (var sent = opening.Length; sent < totalBytes && !reading.IsCompleted; sent += filler.Length)
            {
                await WriteChunkAsync(stream, filler, timeout.Token);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), timeout.Token);
        }
        catch (IOException)
        {
            // The server answered and closed while the body was still going out: the answer is what counts.
        }

        var raw = await reading;
        return raw.Length == 0 ? null : Parse(raw);
    }

    private static async Task WriteChunkAsync(NetworkStream stream, byte[] data, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await stream.WriteAsync(data, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>Everything the server sends until it closes (it answers an oversized body with Connection: close).</summary>
    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer arrived ends the answer; one before it leaves nothing, which the caller reports.
        }

        return received.ToArray();
    }

    private static Answer Parse(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var status = int.Parse(head.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Answer(status, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(chunked[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return body.ToString();
    }
}
