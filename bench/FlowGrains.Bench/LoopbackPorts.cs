using System.Net;
using System.Net.Sockets;

namespace FlowGrains.Bench;

/// <summary>Free TCP ports on loopback for the benchmark's silo and front door.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
