namespace FlowGrains.Connectors.Egress;

/// <summary>Host names as the egress policy compares them.</summary>
internal static class HostName
{
    /// <summary>
    /// <paramref name="host"/> lower-case, without the brackets of an IPv6 literal or a trailing dot, so
    /// <c>METADATA.google.internal.</c> is the name the policy refuses.
    /// </summary>
    public static string Normalise(string host)
    {
        var name = host.Trim();
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
        }

        return name.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="host"/> is a DNS name or an IP address.</summary>
    public static bool IsValid(string host) => Uri.CheckHostName(host) != UriHostNameType.Unknown;
}
