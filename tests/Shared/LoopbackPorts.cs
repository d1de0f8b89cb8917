using System.Net;
using System.Net.Sockets;

namespace FlowGrains.Testing;

/// <summary>
/// Free TCP ports on loopback for servers and hosts that tests and benchmarks start in other processes
/// or bind later. A port is only checked here, so it is taken below the kernel's ephemeral range: a port
/// the kernel handed out (to port 0 or to any outbound connection) can be taken again by the next
/// outbound connection before the server binds it, as a CI run once saw ("address already in use").
/// </summary>
public static class LoopbackPorts
{
    private const int LowestPort = 20000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EndExclusive = FirstEphemeralPort();

    /// <summary>A port nothing listens on now and that this process has not handed out before.</summary>
    public static int Free()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                // Random rather than sequential, so that test processes running side by side rarely meet.
                var port = Random.Shared.Next(LowestPort, EndExclusive);
                if (!HandedOut.Contains(port) && CanListen(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port was found between {LowestPort} and {EndExclusive}.");
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

    private static int FirstEphemeralPort()
    {
        // Linux names its range here; elsewhere IANA's dynamic range (49152 and up) is the usual one.
        var fallback = OperatingSystem.IsLinux() ? 32768 : 49152;
        if (!File.Exists(EphemeralRangeFile))
        {
            return fallback;
        }

        var first = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, out var port) && port > LowestPort + 1000 ? port : fallback;
    }
}
