using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Grains.Hosting;

/// <summary>Settings of the flow service, bound from the <c>FlowGrains</c> configuration section.</summary>
public sealed class FlowGrainsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains";

    /// <summary>The region written into flow ARNs.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,32}$")]
    public string Region { get; set; } = "local";

    /// <summary>The account written into flow ARNs.</summary>
    [Required, RegularExpression("^[0-9]{12}$")]
    public string Account { get; set; } = "000000000000";

    /// <summary>The folder under which LocalFolder connectors read and write; no flow can reach outside it.</summary>
    [Required]
    public string DataRoot { get; set; } = "data";

    /// <summary>
    /// The key that signs pagination tokens so forged ones are rejected. Every silo of a cluster must
    /// share it; set your own outside development. Never logged.
    /// </summary>
    [Required, MinLength(16)]
    public string PaginationKey { get; set; } = "flowgrains-development-pagination-key";
}
