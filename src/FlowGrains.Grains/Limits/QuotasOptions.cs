using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Grains.Limits;

/// <summary>
/// How many of each resource a cluster holds, bound from <c>FlowGrains:Quotas</c>; the defaults follow AppFlow's.
/// A request that would pass one fails with <c>SERVICE_QUOTA_EXCEEDED</c> (402) and changes nothing.
/// </summary>
public sealed class QuotasOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Quotas";

    /// <summary>Flows in the cluster (default 1,000, as AppFlow's per account and region).</summary>
    [Range(1, 1_000_000)]
    public int MaxFlows { get; set; } = 1000;

    /// <summary>Connector profiles in the cluster (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectorProfiles { get; set; } = 1000;

    /// <summary>Tasks in one flow (default 1,000).</summary>
    [Range(1, 100_000)]
    public int MaxTasksPerFlow { get; set; } = 1000;

    /// <summary>Destinations of one flow (default 10).</summary>
    [Range(1, 1000)]
    public int MaxDestinationsPerFlow { get; set; } = 10;
}
