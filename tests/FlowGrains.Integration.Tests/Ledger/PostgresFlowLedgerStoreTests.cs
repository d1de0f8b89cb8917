using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Integration.Tests.Providers;
using FlowGrains.Postgres.Ledger;
using FlowGrains.Testing.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;

namespace FlowGrains.Integration.Tests.Ledger;

/// <summary>
/// The ledger contract on PostgreSQL. Each silo is a store of its own with a pool of its own (its own application
/// name) on the class's one database, so two silos race in the database exactly as two processes would.
/// </summary>
public sealed class PostgresFlowLedgerStoreTests(ProviderDatabase database)
    : FlowLedgerStoreContract(() => NewSilo(database.ConnectionString)), IClassFixture<ProviderDatabase>
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(StartFlowResult).Assembly).AddAssembly(typeof(RunSpec).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static PostgresFlowLedgerStore NewSilo(string connectionString)
    {
        var ownPool = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"silo-{Guid.NewGuid():N}" }.ConnectionString;
        return new PostgresFlowLedgerStore(ownPool, Serializer, new PostgresLedgerOptions(), TimeProvider.System, NullLogger<PostgresFlowLedgerStore>.Instance);
    }
}
