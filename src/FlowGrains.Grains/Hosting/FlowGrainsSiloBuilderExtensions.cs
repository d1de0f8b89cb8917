using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Limits;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Availability;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Ledger.Retention;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Paging;
using FlowGrains.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace FlowGrains.Grains.Hosting;

/// <summary>Adds the flow grains and what they depend on to a silo.</summary>
public static class FlowGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the services the flow grains use and the built-in LocalFolder connector. The silo must
    /// also have a grain storage named <see cref="FlowStorageNames.Provider"/>.
    /// </summary>
    public static ISiloBuilder AddFlowGrains(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FlowGrainsOptions>();
        services.AddOptions<ConnectorProfileOptions>();
        services.AddOptions<LimitsOptions>();
        services.AddOptions<RunsOptions>();
        services.AddOptions<QuotasOptions>();
        services.TryAddSingleton<CredentialProtector>();
        services.TryAddSingleton<ConnectorProfileResolver>();
        services.TryAddSingleton<IConnectorProfileSource>(provider => provider.GetRequiredService<ConnectorProfileResolver>());
        services.AddFlowEgress();

        // Stored state uses Orleans' own serializer: types are written by their [Alias], never by CLR
        // name, and the immutable records of the contracts round-trip exactly.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        services.TryAddKeyedSingleton(FlowGrainsClock.ServiceKey, TimeProvider.System);
        services.TryAddSingleton(provider => new DataRoot(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FlowGrainsOptions>>()));
        services.TryAddSingleton<ConnectorRegistry>();
        services.TryAddSingleton<PageTokenCodec>();
        services.TryAddSingleton<FlowRunner>();
        services.TryAddSingleton<LocalRunRegistry>();
        services.AddMetrics();
        services.TryAddSingleton<FlowMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, RunDrain>());

        // A durable profile registers its own ledger before or after this; the embedded one keeps it in memory.
        services.TryAddSingleton<IFlowLedgerStore, InMemoryFlowLedgerStore>();
        services.AddLedgerRetention();
        services.AddFlowConnector<LocalFolderConnector>();
        services.AddFlowConnector<EventPayloadConnector>();
        builder.AddIncomingGrainCallFilter<UnavailableStoreCallFilter>();
        return builder;
    }
}
