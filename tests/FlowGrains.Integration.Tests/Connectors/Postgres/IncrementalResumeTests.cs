using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Executions;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>
/// An incremental PostgreSQL → PostgreSQL (UPSERT) run that fails part-way, resumed from where it said it
/// stopped: the destination ends up exactly equal to the source, nothing skipped, nothing doubled.
/// </summary>
public sealed class IncrementalResumeTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private static readonly DateTimeOffset Base = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ARunThatFailsPartWay_ResumedFromItsResumePoint_LeavesTheDestinationExactlyEqualToTheSource()
    {
        var source = PostgresConnectorDatabase.TableName("src");
        var destination = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"""
            CREATE TABLE {source} (id int PRIMARY KEY, updated_at timestamptz NOT NULL, qty int NOT NULL);
            INSERT INTO {source} SELECT i, TIMESTAMPTZ '2026-04-01 00:00:00+00' + (i / 2) * INTERVAL '1 second', i % 7 FROM generate_series(1, 12000) i;
            UPDATE {source} SET qty = -1 WHERE id = 11000;
            CREATE TABLE {destination} (id int PRIMARY KEY, updated_at timestamptz NOT NULL, qty int NOT NULL CHECK (qty >= 0));
            """);
        var runner = new FlowRunner(
            new ConnectorRegistry([new WithProfile(database.Connector, database.Profile())]),
            new ConnectorProfileResolver(null!, null!),
            TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new FlowGrains.Connectors.Limits.LimitsOptions()),
            Microsoft.Extensions.Options.Options.Create(new FlowGrains.DataPlane.Executions.RunsOptions()),
            NullLogger<FlowRunner>.Instance);

        var failed = await runner.RunAsync(Spec(source, destination, "run-1", resumeFrom: null), CancellationToken.None);
        await database.ExecuteAsync($"UPDATE {source} SET qty = 0 WHERE id = 11000");
        var resumed = await runner.RunAsync(Spec(source, destination, "run-2", failed.ResumeFrom), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, failed.Status);
        Assert.Equal(2000, failed.Result.ErrorInfo!.PutFailuresCount);
        Assert.Equal(Base.AddSeconds(5000), failed.ResumeFrom);
        Assert.Equal(ExecutionStatus.Successful, resumed.Status);
        Assert.Equal(2001, resumed.Result.RecordsProcessed);
        Assert.Equal(["12000"], await database.RowsAsync($"SELECT count(*) FROM {destination}"));
        Assert.Empty(await database.RowsAsync($"""
            (SELECT id, updated_at, qty FROM {source} EXCEPT SELECT id, updated_at, qty FROM {destination})
            UNION ALL
            (SELECT id, updated_at, qty FROM {destination} EXCEPT SELECT id, updated_at, qty FROM {source})
            """));
    }

    private static RunSpec Spec(string source, string destination, string executionId, DateTimeOffset? resumeFrom)
    {
        var sourceConfig = new ConnectorConfig(PostgresNames.Type, Map(("object", source)), DatetimeTypeFieldName: "updated_at");
        var destinationConfig = new ConnectorConfig(PostgresNames.Type, Map(("object", destination), ("writeOperationType", "UPSERT"), ("idFieldNames[0]", "id")));
        var definition = new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), sourceConfig, [destinationConfig], []);
        return new RunSpec("flow", "life", executionId, definition, Map(), DataPull: new DataPullWindow(resumeFrom, Base.AddDays(1)));
    }

    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static class PostgresNames
    {
        public const string Type = "Postgres";
    }

    // Profiles normally come from profile grains; this test runs the runner alone, so it hands one over.
    private sealed class WithProfile(IFlowConnector inner, ConnectorProfileSettings profile) : IFlowConnector
    {
        public string ConnectorType => inner.ConnectorType;

        public bool CanRead => inner.CanRead;

        public bool CanWrite => inner.CanWrite;

        public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath) =>
            inner.ValidateProperties(role, properties, fieldPath);

        public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var batch in inner.ReadAsync(context with { Profile = profile }, cancellationToken))
            {
                yield return batch;
            }
        }

        public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
            inner.OpenWriterAsync(context with { Profile = profile }, cancellationToken);
    }
}
