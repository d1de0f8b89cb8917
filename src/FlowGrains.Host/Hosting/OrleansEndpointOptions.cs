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
}
