using System.Net;
using System.Net.Sockets;

namespace FlowGrains.Testing;

/// <summary>
/// Free TCP ports on loopback for servers and hosts that tests and benchmarks start in other processes
/// or bind later. A port is only checked here, so it is taken outside the kernel's ephemeral range: a port
/// the kernel handed out (to port 0 or to any outbound connection) can be taken again by the next
/// outbound connection before the server binds it, as a CI run once saw ("address already in use").
/// </summary>
public static class LoopbackPorts
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int Spread = 1000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly (int Low, int HighExclusive) Range = OutsideEphemeralRange();

    /// <summary>A port nothing listens on now and that this process has not handed out before.</summary>
    public static int Free()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                // Random rather than sequential, so that test processes running side by side rarely meet.
                var port = Random.Shared.Next(Range.Low, Range.HighExclusive);
                if (!HandedOut.Contains(port) && CanListen(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port was found between {Range.Low} and {Range.HighExclusive}.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int HighExclusive) OutsideEphemeralRange()
    {
        // Linux names its range in /proc; elsewhere IANA's dynamic range (49152-65535) is the usual one.
        var (first, last) = (49152, 65535);
        if (File.Exists(EphemeralRangeFile) &&
            File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var low, var high, ..] &&
            int.TryParse(low, out var parsedLow) && int.TryParse(high, out var parsedHigh))
        {
            (first, last) = (parsedLow, parsedHigh);
        }

        if (first - 20000 >= Spread)
        {
            return (20000, first);
        }

        if (65535 - last >= Spread)
        {
            return (last + 1, 65536);
        }

        // The kernel may hand out any port here, so the race this class avoids remains possible.
        return (20000, 65536);
    }
}
