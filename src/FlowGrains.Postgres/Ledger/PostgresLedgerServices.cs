using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace FlowGrains.Postgres.Ledger;

/// <summary>Makes the PostgreSQL ledger the silo's <see cref="IFlowLedgerStore"/>.</summary>
public static class PostgresLedgerServices
{
    /// <summary>
    /// Registers the ledger on the database of <paramref name="connectionString"/> (the host binds its knobs from
    /// <see cref="PostgresLedgerOptions.SectionName"/>). It replaces any ledger registered before, and one registered
    /// after with TryAdd (the in-memory default of <c>AddFlowGrains</c>) does not displace it, so order does not matter.
    /// </summary>
    public static IServiceCollection AddFlowGrainsPostgresLedger(this IServiceCollection services, string connectionString)
    {
        services.AddOptions<PostgresLedgerOptions>();
        services.RemoveAll<IFlowLedgerStore>();
        services.AddSingleton<IFlowLedgerStore>(provider => new PostgresFlowLedgerStore(
            connectionString,
            provider.GetRequiredService<Serializer>(),
            provider.GetRequiredService<IOptions<PostgresLedgerOptions>>().Value,
            // The batches' wait is real time even when the flows run on a fake clock in tests.
            TimeProvider.System,
            provider.GetRequiredService<ILogger<PostgresFlowLedgerStore>>()));
        return services;
    }
}
