using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// One two-silo in-process cluster shared by a test collection, with the flow grains on in-memory
/// storage, a fake flow clock and the <see cref="TestConnector"/>. Tests use a fresh flow name each.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public TestConnector Connector { get; } = new();

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("flowgrains-grains-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
            silo.UseInMemoryReminderService();
            silo.AddFlowGrains();
            silo.Services.AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, Time);
            silo.Services.AddFlowConnector(Connector);
            silo.Services.Configure<FlowGrainsOptions>(options => options.DataRoot = DataRoot);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
