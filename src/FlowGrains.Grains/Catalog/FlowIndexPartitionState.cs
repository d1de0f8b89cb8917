namespace FlowGrains.Grains.Catalog;

/// <summary>The stored names of one index partition, kept in ordinal order.</summary>
[GenerateSerializer, Alias("FlowGrains.FlowIndexPartitionState")]
public sealed class FlowIndexPartitionState
{
    /// <summary>The flow names, sorted ordinally.</summary>
    [Id(0)] public List<string> Names { get; set; } = [];
}
