using System.Net;

namespace FlowGrains.Connectors.Egress;

/// <summary>The operator's <see cref="EgressOptions.Allow"/> entries, parsed: networks, host names and subdomain wildcards.</summary>
internal sealed class EgressAllowList
{
    private readonly List<IPNetwork> _networks = [];
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];

    public EgressAllowList(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (TryNetwork(entry, out var network))
            {
                _networks.Add(network);
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(HostName.Normalise(entry[1..]));
            }
            else
            {
                _hosts.Add(HostName.Normalise(entry));
            }
        }
    }

    /// <summary>Why <paramref name="entry"/> is not an allow-list entry, or null when it is one.</summary>
    public static string? Problem(string? entry) => entry switch
    {
        null or "" => "is empty",
        _ when TryNetwork(entry, out _) => null,
        _ when entry.Contains('/', StringComparison.Ordinal) => "is not a CIDR such as 10.0.0.0/8 or fd00::/8",
        _ when HostName.IsValid(entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry) => null,
        _ => "is neither a CIDR, an IP address nor a host name",
    };

    /// <summary>Whether the operator allowed the host name <paramref name="host"/> (normalised).</summary>
    public bool AllowsHost(string host) =>
        _hosts.Contains(host) || _suffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the operator allowed <paramref name="address"/>, as given or as the IPv4 address it carries.</summary>
    public bool AllowsAddress(IPAddress address)
    {
        var judged = RefusedAddresses.Judged(address);
        return _networks.Any(network => network.Contains(address) || network.Contains(judged));
    }

    private static bool TryNetwork(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var single) && !entry.Contains('/', StringComparison.Ordinal))
        {
            network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}
