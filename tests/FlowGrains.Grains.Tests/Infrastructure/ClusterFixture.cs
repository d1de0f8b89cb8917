using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Two silos on Orleans' in-memory grain storage, as the embedded profile runs.</summary>
public sealed class ClusterFixture() : FlowClusterFixture(silos: 2)
{
    protected override void AddFlowsStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
