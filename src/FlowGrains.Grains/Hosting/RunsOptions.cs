using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Grains.Hosting;

/// <summary>How runs are bounded, bound from <c>FlowGrains:Runs</c>.</summary>
public sealed class RunsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Runs";

    /// <summary>
    /// How many times a run whose silo died under it is resumed (default 3). A run interrupted once more is
    /// quarantined: it ends as Error rather than taking down one silo after another.
    /// </summary>
    [Range(0, 100)]
    public int MaxResumes { get; set; } = 3;
}
