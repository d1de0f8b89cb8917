using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Ledger;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Providers;
using FlowGrains.Postgres.Schema;
using FlowGrains.Postgres.Upgrade;
using FlowGrains.Postgres.Upgrade.Legacy;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using DataPullWindow = FlowGrains.Grains.Executions.DataPullWindow;
using RunSpec = FlowGrains.Grains.Executions.RunSpec;

namespace FlowGrains.Integration.Tests.Upgrade;

/// <summary>
/// A database as the previous version left it: schema steps 1-5, and tokens, run pages and token-journal pages
/// written through Orleans' ADO.NET grain storage under the grain ids and state names that version used.
/// </summary>
internal sealed class PreviousVersionDatabase(string connectionString, ProviderHost host, IGrainStorage storage) : IDisposable
{
    /// <summary>The schema version of the previous release.</summary>
    public const int PreviousVersion = 5;

    public string ConnectionString => connectionString;

    public static async Task<PreviousVersionDatabase> CreateAsync()
    {
        var server = await SharedPostgres.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("upgrade");
        await SchemaMigrator.MigrateAsync(connectionString, TimeProvider.System, PreviousVersion);
        var host = ProviderHost.Create(connectionString);
        return new PreviousVersionDatabase(connectionString, host, await host.FlowsStorageAsync());
    }

    /// <summary>Stores a token outcome as the previous version's ClientTokenStore did.</summary>
    public Task WriteTokenAsync(FlowLife life, string operation, string clientToken, ClientTokenRecord record) =>
        storage.WriteStateAsync(
            LegacyRow.TokenState, GrainId.Create("flowtoken", TokenKey(life, operation, clientToken)), new GrainState<ClientTokenRecord?>(record));

    /// <summary>Stores a page of run records as the previous version's ExecutionHistory did.</summary>
    public Task WritePageAsync(FlowLife life, int page, ExecutionPage content) =>
        storage.WriteStateAsync(
            LegacyRow.ExecutionPageState, GrainId.Create("flowexecutions", $"{life.FlowName}/{life.Incarnation}/{page}"), new GrainState<ExecutionPage>(content));

    /// <summary>Stores a page of the token journal as the previous version's TokenJournal did.</summary>
    public Task WriteJournalPageAsync(FlowLife life, int page, TokenJournalPage content) =>
        storage.WriteStateAsync(
            LegacyRow.TokenJournalState, GrainId.Create("flowtokenjournal", $"{life.FlowName}/{life.Incarnation}/{page}"), new GrainState<TokenJournalPage>(content));

    /// <summary>Stores state of another name, which the upgrade must leave alone.</summary>
    public Task WriteOtherStateAsync<T>(string stateName, string key, T state) =>
        storage.WriteStateAsync(stateName, GrainId.Create("flow", key), new GrainState<T>(state));

    /// <summary>Reads state of another name back.</summary>
    public async Task<T?> ReadOtherStateAsync<T>(string stateName, string key)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, GrainId.Create("flow", key), state);
        return state.State;
    }

    /// <summary>Runs the migrate path at <paramref name="now"/>.</summary>
    public Task<SchemaMigrationResult> MigrateAsync(DateTimeOffset now) =>
        SchemaMigrator.MigrateAsync(connectionString, new FakeTimeProvider(now));

    /// <summary>The previous version's storage key of a token: flow, incarnation, operation and the token's SHA-256.</summary>
    public static string TokenKey(FlowLife life, string operation, string clientToken) =>
        $"{life.FlowName}/{life.Incarnation}/{operation}/{LedgerToken.Hash(clientToken)}";

    /// <summary>A run spec as a start captured it.</summary>
    public static RunSpec Spec(FlowLife life, string executionId) =>
        new(life.FlowName, life.Incarnation, executionId, Definition(), ImmutableSortedDictionary<string, string>.Empty.Add("window", "daily"),
            EventPayload: "{\"id\":1}", DataPull: new DataPullWindow(null, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));

    /// <summary>A finished or unfinished run record.</summary>
    public static ExecutionRecord Record(string executionId, ExecutionStatus status, DateTimeOffset startedAt, ErrorInfo? error = null) =>
        new(executionId, status, startedAt, startedAt.AddMinutes(2), new ExecutionResult(10, 2_000, 1_500, error),
            startedAt.AddHours(-1), startedAt);

    private static FlowDefinition Definition()
    {
        static ImmutableSortedDictionary<string, string> Map(string key, string value) =>
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add(key, value);

        return new FlowDefinition(
            new TriggerConfig(TriggerType.OnDemand),
            new ConnectorConfig("LocalFolder", Map("path", "in")),
            [new ConnectorConfig("LocalFolder", Map("path", "out"))],
            [new FlowTask("Map", ["a"], Map("op", "copy"), "a", Map("k", "v"))],
            "copy");
    }

    public void Dispose() => host.Dispose();
}
