using System.Net;

namespace FlowGrains.Connectors.Egress;

/// <summary>
/// The one place connectors ask where they may connect (see <see cref="EgressOptions"/> for what is refused).
/// Built-in connectors and plug-ins take it from the silo's services. A connector must connect to the addresses
/// <see cref="ResolveAsync"/> returned (or through <see cref="ConnectAsync"/>, or <see cref="EgressHttp.Handler"/>
/// for HTTP), never resolve the name again, so a DNS answer that changes after the check cannot lead elsewhere.
/// </summary>
public interface IEgressPolicy
{
    /// <summary>
    /// Resolves <paramref name="host"/> (a name or an IP literal) and returns its addresses when every one of them
    /// may be reached; an <see cref="EgressRefusedException"/> saying why not otherwise, and the resolver's
    /// <see cref="System.Net.Sockets.SocketException"/> when the name does not resolve.
    /// </summary>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);

    /// <summary>
    /// The check at create or update time: the refusal when <paramref name="host"/> is known to be refused now (an
    /// IP literal, a metadata name, or a name resolving to a refused address), or null. A name that does not resolve
    /// within <see cref="EgressOptions.CheckTimeout"/> passes: runs check it again when they connect.
    /// </summary>
    ValueTask<EgressRefusedException?> CheckAsync(string host, CancellationToken cancellationToken);

    /// <summary>Opens a TCP connection to <paramref name="host"/>:<paramref name="port"/> on an address <see cref="ResolveAsync"/> checked.</summary>
    ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken);
}

/// <summary>A host a connector profile makes a connector contact, and the profile field that names it.</summary>
public sealed record EgressTarget(string Host, string Field);
