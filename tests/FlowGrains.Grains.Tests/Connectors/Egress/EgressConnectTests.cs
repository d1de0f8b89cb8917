using System.Net;
using System.Net.Sockets;
using System.Text;
using FlowGrains.Connectors.Egress;
using FlowGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Connectors.Egress;

/// <summary>
/// A DNS answer that changes between the check and the connection (rebinding) cannot reach a refused address:
/// the connection goes to the address that was checked, and every new connection is checked again.
/// </summary>
public sealed class EgressConnectTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ScriptedResolver _dns = new();
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly EgressPolicy _policy;

    public EgressConnectTests()
    {
        _server.Start();
        _policy = new EgressPolicy(
            Options.Create(new EgressOptions { Allow = ["127.0.0.1/32"] }), _dns, NullLogger<EgressPolicy>.Instance);
    }

    private int Port => ((IPEndPoint)_server.LocalEndpoint).Port;

    [Fact]
    public async Task Connect_GoesToTheCheckedAddress_AndTheNextConnectionMeetsTheNewAnswersCheck()
    {
        _dns.Script("rebind.test", "127.0.0.1", "169.254.169.254");

        await using (var stream = await _policy.ConnectAsync("rebind.test", Port, CancellationToken.None))
        {
            using var accepted = await _server.AcceptTcpClientAsync().WaitAsync(Patience);
            Assert.Equal(((IPEndPoint)accepted.Client.LocalEndPoint!).Address, IPAddress.Loopback);
        }

        // One answer, checked and used: a second lookup behind the check's back would have answered the metadata address.
        Assert.Equal(1, _dns.Calls("rebind.test"));
        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => _policy.ConnectAsync("rebind.test", Port, CancellationToken.None).AsTask());
        Assert.Equal(
            "'rebind.test' resolves to 169.254.169.254, a cloud metadata address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)",
            refused.Message);
        Assert.False(_server.Pending());
    }

    [Fact]
    public async Task HttpThroughThePolicy_SendsTheNameAsHost_WhileConnectingToTheCheckedAddress()
    {
        _dns.Script("api.rebind.test", "127.0.0.1", "10.0.0.1");
        using var client = new HttpClient(EgressHttp.Handler(_policy));

        var sent = client.GetAsync($"http://api.rebind.test:{Port}/items");
        using var accepted = await _server.AcceptTcpClientAsync().WaitAsync(Patience);
        var head = await ReadHeadAsync(accepted.GetStream());
        await accepted.GetStream().WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var response = await sent.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains($"\r\nHost: api.rebind.test:{Port}\r\n", head, StringComparison.Ordinal);
        Assert.Equal(1, _dns.Calls("api.rebind.test"));
        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://api.rebind.test:{Port}/items"));
        Assert.Equal(
            "'api.rebind.test' resolves to 10.0.0.1, a private address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)",
            EgressRefusedException.Find(failed)?.Message);
    }

    public void Dispose() => _server.Stop();

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}
