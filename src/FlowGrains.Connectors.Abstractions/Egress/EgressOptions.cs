namespace FlowGrains.Connectors.Egress;

/// <summary>
/// Where connectors may connect, bound from <c>FlowGrains:Egress</c>. Every connection a connector makes goes
/// through <see cref="IEgressPolicy"/>, which refuses loopback, link-local, private, shared (CGNAT), unspecified,
/// multicast and reserved addresses and cloud metadata endpoints unless this allow-list names them.
/// </summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Egress";

    /// <summary>
    /// What connectors may reach although the policy would refuse it: CIDRs (<c>10.20.0.0/16</c>, <c>fd12::/64</c>),
    /// single addresses (<c>127.0.0.1</c>), host names (<c>db.internal</c>, matched whole and case-insensitively)
    /// and subdomain wildcards (<c>*.corp.example</c>, which does not match <c>corp.example</c> itself).
    /// An allowed host name may resolve to any address.
    /// </summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Whether loopback addresses (127.0.0.0/8, ::1) are allowed; the embedded profile sets it, nothing else does.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// How long a check at create or update time waits for a name to resolve (default 5 s); a name that does not
    /// resolve in time is checked again when a run connects. From 100 ms to 1 minute.
    /// </summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
