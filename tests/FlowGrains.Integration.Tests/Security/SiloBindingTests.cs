using System.Net;
using System.Net.Sockets;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Security;

/// <summary>The silo and gateway ports listen on the advertised address only, not on every interface.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloBindingTests
{
    [Fact]
    public async Task SiloAndGatewayPorts_AcceptOnTheAdvertisedAddress_AndAreClosedOnAnyOther()
    {
        // Linux answers the whole of 127.0.0.0/8 on loopback: 127.0.0.2 stands in for a private interface, 127.0.0.1 for any other.
        await using var cluster = await HostCluster.StartAsync(1, environment: new Dictionary<string, string>
        {
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.2",
        });
        var host = cluster.Hosts[0];
        var gatewayPort = cluster.GatewayPort(0);

        Assert.True(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), host.SiloPort), "the silo port on the advertised address");
        Assert.True(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), gatewayPort), "the gateway port on the advertised address");
        Assert.False(await AcceptsAsync(IPAddress.Loopback, host.SiloPort), "the silo port on another address");
        Assert.False(await AcceptsAsync(IPAddress.Loopback, gatewayPort), "the gateway port on another address");
    }

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
