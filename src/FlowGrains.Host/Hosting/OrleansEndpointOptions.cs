using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Host.Hosting;

/// <summary>The silo's cluster identity and ports, bound from the <c>Orleans</c> section.</summary>
internal sealed class OrleansEndpointOptions
{
    public const string SectionName = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "flowgrains-dev";

    [Required]
    public string ServiceId { get; set; } = "flowgrains";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; unset, the host name's address (the postgres profile only).</summary>
    [RegularExpression(@"^[0-9a-fA-F.:]+$", ErrorMessage = "Orleans:Endpoints:AdvertisedIPAddress must be an IP address.")]
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Listen on every interface instead of the advertised address only: for a container whose advertised address
    /// belongs to its host (NAT), not to the container.
    /// </summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
