using System.Globalization;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// The machine's established TCP connections, read from <c>/proc/net/tcp{,6}</c>: which gateway a client really
/// holds a connection to, seen from outside Orleans.
/// </summary>
public static class LoopbackConnections
{
    private const string Established = "01";

    /// <summary>How many established connections have <paramref name="port"/> as their remote port.</summary>
    public static int EstablishedTo(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[3] == Established && RemotePort(fields[2]) == port);

    private static int RemotePort(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
