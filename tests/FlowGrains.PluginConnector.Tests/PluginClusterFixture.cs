using FlowGrains.Grains.Hosting;
using FlowGrains.PluginConnector.Sample;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FlowGrains.PluginConnector.Tests;

/// <summary>One silo with the flow grains and the sample plug-in, registered as a host registers any plug-in.</summary>
public sealed class PluginClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The sample connector's tables on the silo.</summary>
    public SampleTables Tables => Cluster.Silos[0].ServiceProvider.GetRequiredService<SampleTables>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
            silo.UseInMemoryReminderService();
            silo.AddFlowGrains();
            silo.Services.AddSampleTableConnector();
            silo.Services.Configure<FlowGrainsOptions>(options => options.PaginationKey = "plugin-tests-pagination-key");
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PluginClusterCollection : ICollectionFixture<PluginClusterFixture>
{
    public const string Name = "Plug-in cluster";
}
