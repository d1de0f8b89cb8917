using FlowGrains.Connectors;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Contracts;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;
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

    private readonly string _profileKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public TestConnector Connector { get; } = new();

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("flowgrains-grains-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The flows storage as the grains see it, for tests that read or shape what is stored.</summary>
    public IGrainStorage FlowsStorage => Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(FlowStorageNames.Provider);

    /// <summary>The stored state of <paramref name="flow"/>.</summary>
    public async Task<FlowState> StoredFlowStateAsync(IFlowGrain flow)
    {
        var state = new GrainState<FlowState>(new FlowState());
        await FlowsStorage.ReadStateAsync(FlowStorageNames.FlowState, flow.GetGrainId(), state);
        return state.State!;
    }

    /// <summary>The flow ledger as the first silo resolves it; tests read or shape what is stored through it.</summary>
    public IFlowLedgerStore Ledger => Cluster.Silos[0].ServiceProvider.GetRequiredService<IFlowLedgerStore>();

    /// <summary>The stored life of <paramref name="flow"/>, whose tokens and runs the ledger keys.</summary>
    public async Task<FlowLife> StoredLifeAsync(IFlowGrain flow, string flowName) =>
        new(flowName, (await StoredFlowStateAsync(flow)).Incarnation!);

    /// <summary>Rewrites a stored run as if the silo that launched it had died (a silo no member of the cluster).</summary>
    public async Task MoveLauncherToDeadSiloAsync(IFlowGrain flow, string flowName, string executionId)
    {
        var life = await StoredLifeAsync(flow, flowName);
        var run = (await Ledger.ReadUnfinishedRunsAsync(life)).Single(run => run.ExecutionId == executionId);
        var gone = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1);
        Assert.True(await Ledger.UpdateRunAsync(life, run.Record.ExecutionStatus, run with { LaunchedBy = gone.ToParsableString() }));
    }

    public async Task InitializeAsync()
    {
        await PrepareAsync();

        // In memory, one ledger for every silo of the process, as a durable one is shared.
        var sharedLedger = CreateSharedLedger();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            AddFlowsStorage(silo);
            silo.UseInMemoryReminderService();
            ConfigureSilo(silo);
            silo.AddFlowGrains();
            if (sharedLedger is not null)
            {
                silo.Services.AddSingleton(sharedLedger);
            }

            ConfigureLedger(silo.Services);
            silo.Services.AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, FlowClock);
            silo.Services.AddFlowConnector(Connector);
            silo.Services.Configure<FlowGrainsOptions>(options => (options.DataRoot, options.PaginationKey) = (DataRoot, "grain-tests-pagination-key"));

            // One key for every silo, as a real cluster configures: a profile sealed on one silo opens on the others, a nextToken too.
            silo.Services.Configure<ConnectorProfileOptions>(options => options.EncryptionKey = _profileKey);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }

    /// <summary>The clock the flow grains read and set their alarms on: <see cref="Time"/> unless a fixture wraps it.</summary>
    protected virtual TimeProvider FlowClock => Time;

    /// <summary>The in-memory ledger the silos share; null when the fixture's storage brings a durable one.</summary>
    protected virtual IFlowLedgerStore? CreateSharedLedger() => new InMemoryFlowLedgerStore();

    /// <summary>Anything a fixture does to the ledger its silos resolve (a decorator that fails on demand, say).</summary>
    protected virtual void ConfigureLedger(IServiceCollection services)
    {
    }

    /// <summary>Anything to make ready before the silos start (a database, say).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Registers the grain storage named <see cref="FlowStorageNames.Provider"/>.</summary>
    protected abstract void AddFlowsStorage(ISiloBuilder silo);

    /// <summary>Runs the silo's reminders on <paramref name="clock"/>, reading the reminder list often enough for a stepping clock.</summary>
    protected static void RunRemindersOn(ISiloBuilder silo, TimeProvider clock)
    {
        silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, clock);
        silo.Services.Configure<ReminderOptions>(options => options.RefreshReminderListPeriod = TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Anything else a fixture's silos need.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }
}
