using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>One silo whose flows storage and ledger fail on demand (<see cref="Faults"/>, <see cref="LedgerFaults"/>), for failure tests.</summary>
public sealed class FaultyStorageFixture() : FlowClusterFixture(silos: 1)
{
    public const string InnerProvider = "flows-inner";

    public StorageFaults Faults { get; } = new();

    /// <summary>The silo's ledger, which fails on demand.</summary>
    public LedgerFaults LedgerFaults { get; } = new();

    public IGrainStorage InnerStorage => Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(InnerProvider);

    protected override void ConfigureLedger(IServiceCollection services) => FaultyLedgerStore.Decorate(services, LedgerFaults);

    protected override void AddFlowsStorage(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(InnerProvider);
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            FlowStorageNames.Provider,
            (services, _) => new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerProvider), Faults));
    }
}

[CollectionDefinition(Name)]
public sealed class FaultyStorageCollection : ICollectionFixture<FaultyStorageFixture>
{
    public const string Name = "FaultyStorage";
}
