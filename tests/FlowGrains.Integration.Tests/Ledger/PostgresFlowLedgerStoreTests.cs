using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;
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
    : FlowLedgerStoreContract(() => NewSilo(database.ConnectionString, new PostgresLedgerOptions())), IClassFixture<ProviderDatabase>
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(StartFlowResult).Assembly).AddAssembly(typeof(RunSpec).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Two flushers write batches side by side, so two updates asked for back to back may land in either order.</summary>
    protected override bool KeepsQueuedOrder => false;

    [Fact]
    public async Task UpdateRun_TwiceOnOneRunInOneBatch_TheSecondSeesWhatTheFirstStored()
    {
        // A batch closes only when both updates are queued (or after a second), and one flusher writes it.
        await using var store = NewSilo(database.ConnectionString, new PostgresLedgerOptions { MaxBatch = 2, MaxDelay = TimeSpan.FromSeconds(1), Flushers = 1 });
        var life = new FlowLife($"flow-{Guid.NewGuid():N}", "inc-1");
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var run = new LedgerRun(new ExecutionRecord("exec-1", ExecutionStatus.InProgress, at, at, ExecutionResult.Empty), null, "silo-a");
        await store.StartRunAsync(new RunStart(life, run, null), at);
        var cancelling = run with { Record = run.Record with { ExecutionStatus = ExecutionStatus.CancelStarted } };
        var canceled = run with { Record = run.Record with { ExecutionStatus = ExecutionStatus.Canceled, LastUpdatedAt = at.AddMinutes(1) } };

        var first = store.UpdateRunAsync(life, ExecutionStatus.InProgress, cancelling);
        var second = store.UpdateRunAsync(life, ExecutionStatus.CancelStarted, canceled);

        Assert.Equal((true, true), (await first, await second));
        Assert.Equal([canceled.Record], [.. (await store.ReadRunsAsync(life, null, 10)).Records]);
    }

    private static PostgresFlowLedgerStore NewSilo(string connectionString, PostgresLedgerOptions options)
    {
        var ownPool = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"silo-{Guid.NewGuid():N}" }.ConnectionString;
        return new PostgresFlowLedgerStore(ownPool, Serializer, options, TimeProvider.System, NullLogger<PostgresFlowLedgerStore>.Instance);
    }
}
