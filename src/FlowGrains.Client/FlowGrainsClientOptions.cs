namespace FlowGrains.Client;

/// <summary>
/// Where the cluster is and how long a call may take, bound from <c>FlowGrains:Client</c>. The cluster and service
/// ids must be the silos' (<c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>), or the gateways refuse the client.
/// </summary>
public sealed class FlowGrainsClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "FlowGrains:Client";

    /// <summary>The port of the embedded profile's gateway, used when <see cref="GatewayPorts"/> is empty.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>How the gateways are found; Localhost by default.</summary>
    public FlowGrainsClustering Clustering { get; set; } = FlowGrainsClustering.Localhost;

    /// <summary>Localhost clustering: the gateway ports on loopback; empty means <see cref="DefaultGatewayPort"/>.</summary>
    public List<int> GatewayPorts { get; set; } = [];

    /// <summary>AdoNet clustering: the silos' PostgreSQL database (their <c>ConnectionStrings:FlowGrains</c>). A secret.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The silos' <c>Orleans:ClusterId</c>. Unset, the default of the profile that clustering serves:
    /// <c>flowgrains-dev</c> (embedded, Localhost) or <c>flowgrains</c> (postgres, AdoNet).
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>The silos' <c>Orleans:ServiceId</c>.</summary>
    public string ServiceId { get; set; } = "flowgrains";

    /// <summary>
    /// How long a grain call waits for its answer before it fails with a <see cref="TimeoutException"/> (1 second to
    /// 10 minutes; Orleans' 30 seconds by default). A call whose gateway died fails at once; one whose answer is lost waits this long.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The ports actually used by Localhost clustering.</summary>
    public IReadOnlyList<int> EffectiveGatewayPorts => GatewayPorts.Count == 0 ? [DefaultGatewayPort] : GatewayPorts;

    /// <summary>The cluster id actually used.</summary>
    public string EffectiveClusterId =>
        ClusterId is { Length: > 0 } id ? id : Clustering == FlowGrainsClustering.AdoNet ? "flowgrains" : "flowgrains-dev";
}
