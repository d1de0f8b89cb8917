using FlowGrains.Grains.Hosting;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// A silo's service container wired as the host wires it (<c>UseFlowGrainsPostgres</c> plus <c>AddFlowGrains</c>),
/// built but never started, so tests call Orleans' ADO.NET providers through Orleans' own interfaces. Each
/// instance has its own cluster id and service id: tests sharing a database never see each other's rows.
/// </summary>
internal sealed class ProviderHost : IDisposable
{
    private readonly IHost _host;

    private ProviderHost(IHost host, string clusterId, string serviceId)
    {
        _host = host;
        ClusterId = clusterId;
        ServiceId = serviceId;
    }

    /// <summary>The cluster id, which the membership provider calls DeploymentId.</summary>
    public string ClusterId { get; }

    /// <summary>The service id, which scopes grain state and reminders.</summary>
    public string ServiceId { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds the container for the database of <paramref name="connectionString"/>.</summary>
    public static ProviderHost Create(string connectionString)
    {
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var serviceId = $"service-{Guid.NewGuid():N}";
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
            silo.UseFlowGrainsPostgres(connectionString);
            silo.AddFlowGrains();
        });
        return new ProviderHost(builder.Build(), clusterId, serviceId);
    }

    /// <summary>The membership table, initialised as a starting silo does (creating the cluster's version row).</summary>
    public async Task<IMembershipTable> MembershipTableAsync()
    {
        var table = Services.GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    /// <summary>The reminder table, started as the reminder service starts it.</summary>
    public async Task<IReminderTable> ReminderTableAsync()
    {
        var table = Services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    /// <summary>
    /// The grain storage named <see cref="FlowStorageNames.Provider"/> (as the grains see it, wrapped), after the
    /// silo-lifecycle step in which the ADO.NET provider under it loads its queries (its only start-up work) has run.
    /// </summary>
    public async Task<IGrainStorage> FlowsStorageAsync()
    {
        var storage = Services.GetRequiredKeyedService<IGrainStorage>(FlowStorageNames.Provider);
        var provider = Services.GetRequiredKeyedService<IGrainStorage>($"{FlowStorageNames.Provider}-adonet");
        var lifecycle = new StartOnlyLifecycle();
        ((ILifecycleParticipant<ISiloLifecycle>)provider).Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

    /// <summary>Runs the start step of every observer that subscribed, in stage order; nothing else of a silo.</summary>
    private sealed class StartOnlyLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new NoSubscription();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(entry => entry.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
