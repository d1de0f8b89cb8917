using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// Two silos whose reminder ticks and slot alarms come up to 90 s late (<see cref="JitteringTimeProvider"/>),
/// while the time the flows read is exact: the load a real cluster's timers see, on a fake clock.
/// </summary>
public sealed class JitterClusterFixture() : FlowClusterFixture(silos: 2)
{
    public static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(90);

    private JitteringTimeProvider? _late;

    public JitteringTimeProvider Late => _late ??= new JitteringTimeProvider(Time, MaxJitter, seed: 20261204);

    protected override TimeProvider FlowClock => Late;

    protected override void AddFlowsStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(FlowStorageNames.Provider);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        RunRemindersOn(silo, Late);
    }
}

[CollectionDefinition(Name)]
public sealed class JitterClusterCollection : ICollectionFixture<JitterClusterFixture>
{
    public const string Name = "JitterCluster";
}
