using System.Net;
using System.Net.Sockets;

namespace FlowGrains.Connectors.Egress;

/// <summary>
/// The addresses and host names the egress policy refuses unless allowed, and what each kind is called in
/// messages. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address,
/// so <c>::ffff:127.0.0.1</c> is loopback too.
/// </summary>
internal static class RefusedAddresses
{
    public const string Loopback = "a loopback address";
    private const string Metadata = "a cloud metadata address";

    // Most specific first: the metadata addresses sit inside the link-local and unique local ranges.
    private static readonly (IPNetwork Network, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), Metadata),
        (IPNetwork.Parse("169.254.170.2/32"), Metadata),
        (IPNetwork.Parse("fd00:ec2::254/128"), Metadata),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (CGNAT) address"),
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved address"),
    ];

    // Names that reach a cloud's metadata service without naming its address.
    private static readonly HashSet<string> MetadataHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
    };

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>What kind of refused address <paramref name="address"/> is, or null when it is a public one.</summary>
    public static string? KindOf(IPAddress address)
    {
        var judged = EmbeddedIPv4(address) ?? address;
        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(judged))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="host"/> (lower-case, without a trailing dot) names a metadata service.</summary>
    public static bool IsMetadataHost(string host) => MetadataHosts.Contains(host);

    /// <summary>The address <paramref name="address"/> is judged as: its embedded IPv4 address, if it carries one.</summary>
    public static IPAddress Judged(IPAddress address) => EmbeddedIPv4(address) ?? address;

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (Compatible.Contains(address) && !IPAddress.IPv6Loopback.Equals(address) && !IPAddress.IPv6None.Equals(address)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }
}
