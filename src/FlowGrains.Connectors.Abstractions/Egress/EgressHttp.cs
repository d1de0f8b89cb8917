namespace FlowGrains.Connectors.Egress;

/// <summary>HTTP through the egress policy.</summary>
public static class EgressHttp
{
    /// <summary>
    /// A handler whose every connection goes through <paramref name="policy"/>: it resolves and checks the request's
    /// host and connects to a checked address, while the Host header and TLS server name stay the URL's host.
    /// Redirects are not followed, so a request cannot be sent on to another host.
    /// </summary>
    public static SocketsHttpHandler Handler(IEgressPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = (context, cancellationToken) => policy.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken),
    };
}
