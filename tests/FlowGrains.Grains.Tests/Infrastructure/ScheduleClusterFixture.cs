using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// Two silos whose reminders run on the same fake clock as the flows, so a test drives schedules by
/// advancing time (the recipe of shared/docs/orleans10-facts.md).
/// </summary>
public sealed class ScheduleClusterFixture() : FlowClusterFixture(silos: 2)
{
    private const string InnerProvider = "flows-inner";

    /// <summary>Storage failures a test can inject; none unless a test sets a rule.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>Ledger failures a test can inject.</summary>
    public LedgerFaults LedgerFaults { get; } = new();

    protected override void ConfigureLedger(IServiceCollection services) => FaultyLedgerStore.Decorate(services, LedgerFaults);

    protected override void AddFlowsStorage(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(InnerProvider);
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            FlowStorageNames.Provider,
            (services, _) => new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerProvider), Faults));
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        RunRemindersOn(silo, Time);
    }
}

[CollectionDefinition(Name)]
public sealed class ScheduleClusterCollection : ICollectionFixture<ScheduleClusterFixture>
{
    public const string Name = "ScheduleCluster";
}
