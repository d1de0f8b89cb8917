using System.Net;

namespace FlowGrains.Connectors.Egress;

/// <summary>Resolves host names for the egress policy; a seam so tests can answer as a hostile DNS server would.</summary>
public interface IHostResolver
{
    /// <summary>The addresses <paramref name="host"/> resolves to; a name that does not resolve is a <see cref="System.Net.Sockets.SocketException"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's resolver.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
