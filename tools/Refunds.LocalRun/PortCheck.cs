using System.Net;
using System.Net.Sockets;

/// <summary>
/// The fixed ports, checked before anything starts: a port taken (most often by another local run) would otherwise show
/// up as a stack trace from the server that failed to bind, after Azurite had already started.
/// </summary>
internal static class PortCheck
{
    /// <summary>One line per port in use among <paramref name="ports"/>, naming the option that moves it; empty when all are free.</summary>
    public static IReadOnlyList<string> Taken(params (int Port, string What, string Option)[] ports) =>
        [.. ports.Where(p => !IsFree(p.Port)).Select(p =>
            $"Port {p.Port} ({p.What}) is already in use, perhaps by another ./run-local.sh: stop that, or start this one with {p.Option} <another port>.")];

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
