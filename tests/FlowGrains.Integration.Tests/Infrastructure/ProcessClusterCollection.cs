namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>Tests that run clusters of host processes take the machine's two cores; they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "Process clusters";
}
