using FlowGrains.Grains.Hosting;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;

// These fixtures carry the names the grain tests expect, so the StartFlow, event and schedule test classes
// of FlowGrains.Grains.Tests, compiled into this project as they are, run again on the postgres profile:
// flows storage and reminders on PostgreSQL (a fresh database per fixture), clustering in the test cluster.
namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Two silos whose flows storage is Orleans' ADO.NET storage on the FlowGrains schema.</summary>
public sealed class ClusterFixture() : FlowClusterFixture(silos: 2)
{
    private readonly PostgresDatabase _database = new();

    protected override Task PrepareAsync() => _database.InitializeAsync();

    protected override void AddFlowsStorage(ISiloBuilder silo) => silo.AddFlowGrainsPostgresStorage(_database.ConnectionString);

    // The storage brings the PostgreSQL ledger, which the silos share through the database.
    protected override Grains.Ledger.IFlowLedgerStore? CreateSharedLedger() => null;

    // After the base fixture's in-memory reminders, so these are the ones the silo uses.
    protected override void ConfigureSilo(ISiloBuilder silo) => silo.UseFlowGrainsPostgresReminders(_database.ConnectionString);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}

/// <summary>
/// Two silos with flows storage and reminders on PostgreSQL, the reminders on the fake clock; the storage
/// and the ledger fail on demand (<see cref="Faults"/>, <see cref="LedgerFaults"/>).
/// </summary>
public sealed class ScheduleClusterFixture() : FlowClusterFixture(silos: 2)
{
    private const string InnerProvider = "flows-inner";
    private readonly PostgresDatabase _database = new();

    public StorageFaults Faults { get; } = new();

    public LedgerFaults LedgerFaults { get; } = new();

    protected override Task PrepareAsync() => _database.InitializeAsync();

    protected override Grains.Ledger.IFlowLedgerStore? CreateSharedLedger() => null;

    protected override void ConfigureLedger(IServiceCollection services) => FaultyLedgerStore.Decorate(services, LedgerFaults);

    protected override void AddFlowsStorage(ISiloBuilder silo)
    {
        silo.AddFlowGrainsPostgresStorage(_database.ConnectionString, InnerProvider);
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            FlowStorageNames.Provider,
            (services, _) => new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerProvider), Faults));
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        // After the base fixture's in-memory reminders, so these are the ones the silo uses.
        silo.UseFlowGrainsPostgresReminders(_database.ConnectionString);
        RunRemindersOn(silo, Time);
    }
}

[CollectionDefinition(Name)]
public sealed class ScheduleClusterCollection : ICollectionFixture<ScheduleClusterFixture>
{
    public const string Name = "ScheduleCluster";
}
