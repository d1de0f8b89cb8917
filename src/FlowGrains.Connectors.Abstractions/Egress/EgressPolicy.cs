using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Connectors.Egress;

/// <summary>The egress policy of <see cref="EgressOptions"/>; refusals are logged as warnings.</summary>
public sealed class EgressPolicy : IEgressPolicy
{
    private const string Remedy = "which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)";
    private readonly EgressOptions _options;
    private readonly EgressAllowList _allow;
    private readonly IHostResolver _resolver;
    private readonly ILogger<EgressPolicy> _logger;

    /// <summary>Creates the policy of <paramref name="options"/>, resolving names with <paramref name="resolver"/>.</summary>
    public EgressPolicy(IOptions<EgressOptions> options, IHostResolver resolver, ILogger<EgressPolicy> logger)
    {
        _options = options.Value;
        _allow = new EgressAllowList(_options.Allow);
        _resolver = resolver;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var name = HostName.Normalise(host);
        if (IPAddress.TryParse(name, out var literal))
        {
            return Refusal(name, literal, isLiteral: true) is { } refused ? throw refused : [literal];
        }

        if (_allow.AllowsHost(name))
        {
            return await _resolver.ResolveAsync(name, cancellationToken);
        }

        if (RefusedAddresses.IsMetadataHost(name))
        {
            throw Refuse(name, $"'{name}' is a cloud metadata host name, {Remedy}");
        }

        var addresses = await _resolver.ResolveAsync(name, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // One refused answer refuses the name: a name that mixes public and internal addresses is a rebinding trick.
        foreach (var address in addresses)
        {
            if (Refusal(name, address, isLiteral: false) is { } refused)
            {
                throw refused;
            }
        }

        return addresses;
    }

    /// <inheritdoc />
    public async ValueTask<EgressRefusedException?> CheckAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Waiting for DNS is wall-clock time, like any network timeout.
        timeout.CancelAfter(_options.CheckTimeout);
        try
        {
            await ResolveAsync(host, timeout.Token);
            return null;
        }
        catch (EgressRefusedException refused)
        {
            return refused;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private EgressRefusedException? Refusal(string name, IPAddress address, bool isLiteral)
    {
        if (RefusedAddresses.KindOf(address) is not { } kind || _allow.AllowsAddress(address)
            || (kind == RefusedAddresses.Loopback && _options.AllowLoopback))
        {
            return null;
        }

        var subject = isLiteral ? $"{address} is" : $"'{name}' resolves to {address},";
        return Refuse(name, $"{subject} {kind}, {Remedy}");
    }

    private EgressRefusedException Refuse(string host, string message)
    {
        ConnectorsLog.EgressRefused(_logger, host, message);
        return new EgressRefusedException(message);
    }
}
