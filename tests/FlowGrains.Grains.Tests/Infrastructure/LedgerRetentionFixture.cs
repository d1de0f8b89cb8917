using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Ledger.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// One silo whose ledger is the in-memory store behind a <see cref="RecordingLedgerStore"/>, with small retention
/// batches (<see cref="Retention"/>) and reminders on the fake clock, so a test fires the retention tick by advancing it.
/// The ledger is shared by the collection's tests, which run one at a time and purge what they write.
/// </summary>
public sealed class LedgerRetentionFixture() : FlowClusterFixture(silos: 1)
{
    public static readonly LedgerRetentionOptions Retention = new() { BatchSize = 10, MaxBatchesPerTick = 4, BatchPause = TimeSpan.FromMilliseconds(1) };

    /// <summary>The ledger as the silo resolves it.</summary>
    public RecordingLedgerStore Recording => (RecordingLedgerStore)Ledger;

    /// <summary>How long the silo keeps run records.</summary>
    public TimeSpan RunRetention => Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<FlowGrainsOptions>>().Value.ExecutionRecordRetention;

    protected override IFlowLedgerStore? CreateSharedLedger() => new RecordingLedgerStore(new InMemoryFlowLedgerStore());

    protected override void AddFlowsStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(FlowStorageNames.Provider);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        RunRemindersOn(silo, Time);
        silo.Services.Configure<LedgerRetentionOptions>(options =>
            (options.BatchSize, options.MaxBatchesPerTick, options.BatchPause) = (Retention.BatchSize, Retention.MaxBatchesPerTick, Retention.BatchPause));
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerRetentionCollection : ICollectionFixture<LedgerRetentionFixture>
{
    public const string Name = "LedgerRetention";
}
