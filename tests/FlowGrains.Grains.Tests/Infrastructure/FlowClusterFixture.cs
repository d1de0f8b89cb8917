using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process test cluster shared by a test collection, with the flow grains, a fake flow clock and
/// the <see cref="TestConnector"/>; subclasses choose the number of silos and the flows storage.
/// Tests use a fresh flow name each.
/// </summary>
public abstract class FlowClusterFixture(short silos) : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public TestConnector Connector { get; } = new();

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("flowgrains-grains-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            AddFlowsStorage(silo);
            silo.UseInMemoryReminderService();
            ConfigureSilo(silo);
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

    /// <summary>Anything to make ready before the silos start (a database, say).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Registers the grain storage named <see cref="FlowStorageNames.Provider"/>.</summary>
    protected abstract void AddFlowsStorage(ISiloBuilder silo);

    /// <summary>Anything else a fixture's silos need.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }
}
