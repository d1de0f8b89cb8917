using System.Net;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using RunSpec = FlowGrains.Grains.Executions.RunSpec;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Postgres.Schema;
using FlowGrains.Postgres.Upgrade;
using FlowGrains.Postgres.Upgrade.Legacy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace FlowGrains.Integration.Tests.Upgrade;

/// <summary>
/// <c>migrate</c> carries a database of the previous version over to the flow ledger: live tokens with their
/// outcomes, every run record in its old order with what recovery needs, expired tokens dropped, the old grain-storage
/// rows gone and the flow's own state untouched; a second run changes nothing, and an unreadable row changes nothing at all.
/// </summary>
public sealed class LedgerUpgradeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlowLife Orders = new("orders", "life-1");
    private static readonly FlowLife Billing = new("billing", "life-7");
    private static readonly SiloAddress Launcher = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11111), 42);

    [Fact]
    public async Task Migrate_OfAPreviousVersionDatabase_CarriesLiveTokensAndEveryRunInOrder_AndRemovesTheOldRows()
    {
        using var database = await PreviousVersionDatabase.CreateAsync();
        var seeded = await SeedAsync(database);

        var result = await database.MigrateAsync(Now);

        Assert.Equal([LedgerUpgrade.LedgerVersion], result.Applied);
        Assert.Equal(new LedgerUpgradeResult(Runs: 8, Tokens: 4, ExpiredTokens: 2, RemovedRows: 9), result.Carried);
        var tables = await LedgerTablesAsync(database.ConnectionString);

        Assert.Equal(
            ["o-0", "o-1", "o-2", "o-3", "o-4", "o-5"],
            tables.Runs.Where(run => run.Life == Orders).Select(run => run.ExecutionId));
        Assert.Equal(["b-0", "b-1"], tables.Runs.Where(run => run.Life == Billing).Select(run => run.ExecutionId));
        var failed = tables.Runs.Single(run => run.ExecutionId == "o-1");
        Assert.Equal(
            (ExecutionStatus.Error, 10L, 2_000L, 1_500L, (long?)3, "PostgreSQL: writing to table \"t\" failed", Now.AddHours(-6), Now.AddHours(-6).AddMinutes(2)),
            (failed.Status, failed.Records, failed.BytesProcessed, failed.BytesWritten, failed.PutFailures, failed.ErrorMessage, failed.StartedAt, failed.LastUpdatedAt));
        Assert.Equal((Now.AddHours(-7), Now.AddHours(-6)), (failed.DataPullStart, failed.DataPullEnd));
        Assert.All(tables.Runs.Where(run => run.ExecutionId is not ("o-4" or "o-5")), run => Assert.Null(run.Spec));
        var inProgress = tables.Runs.Single(run => run.ExecutionId == "o-5");
        Assert.Equal((ExecutionStatus.InProgress, Launcher.ToParsableString(), 2, (long?)null), (inProgress.Status, inProgress.LaunchedBy, inProgress.Resumes, inProgress.PutFailures));
        Assert.Equal(("orders", "life-1", "o-5", "{\"id\":1}"), Describe(Deserialize<RunSpec>(Convert.FromHexString(inProgress.Spec!))));
        var cancelling = tables.Runs.Single(run => run.ExecutionId == "o-4");
        Assert.Equal((ExecutionStatus.CancelStarted, Launcher.ToParsableString(), 0), (cancelling.Status, cancelling.LaunchedBy, cancelling.Resumes));
        Assert.Equal("o-4", Deserialize<RunSpec>(Convert.FromHexString(cancelling.Spec!)).ExecutionId);

        Assert.Equal(seeded.LiveTokens.Keys.Order(), tables.Tokens.Keys.Order());
        foreach (var (identity, expected) in seeded.LiveTokens)
        {
            var carried = tables.Tokens[identity];
            Assert.Equal((expected.Fingerprint, expected.AcceptedAt, expected.AcceptedAt.AddHours(8), null, true), (carried.Fingerprint, carried.AcceptedAt, carried.ExpiresAt, carried.ChangeId, carried.Settled));
            Assert.Equal(expected.Result, Deserialize<object>(Convert.FromHexString(carried.Outcome)));
        }

        Assert.Empty(await OldRowsAsync(database.ConnectionString));
        Assert.Equal("life-1", (await database.ReadOtherStateAsync<FlowState>(FlowStorageNames.FlowState, "orders"))!.Incarnation);
    }

    [Fact]
    public async Task Migrate_Again_ChangesNothing()
    {
        using var database = await PreviousVersionDatabase.CreateAsync();
        await SeedAsync(database);
        await database.MigrateAsync(Now);
        var before = await LedgerTablesAsync(database.ConnectionString);

        var again = await database.MigrateAsync(Now.AddMinutes(1));

        Assert.Empty(again.Applied);
        Assert.Equal(LedgerUpgradeResult.None, again.Carried);
        var after = await LedgerTablesAsync(database.ConnectionString);
        Assert.Equal(8, after.Runs.Count);
        Assert.Equal(before.Runs, after.Runs);
        Assert.Equal(before.Tokens.OrderBy(entry => entry.Key), after.Tokens.OrderBy(entry => entry.Key));
    }

    [Fact]
    public async Task Migrate_WithAnUnreadableOldRow_RefusesNamingIt_AndLeavesTheDatabaseAsItWas()
    {
        using var database = await PreviousVersionDatabase.CreateAsync();
        await SeedAsync(database);
        var unreadableKey = PreviousVersionDatabase.TokenKey(Orders, TokenOperations.Start, "garbled");
        await database.WriteOtherStateAsync(LegacyRow.TokenState, unreadableKey, "not a token record");
        var oldRows = await OldRowsAsync(database.ConnectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync(Now));

        Assert.StartsWith($"Cannot carry the stored 'token' entry '{unreadableKey}' of service '", error.Message);
        Assert.EndsWith("to the flow ledger: its payload does not read as the previous version's ClientTokenRecord.", error.Message);
        Assert.Equal(oldRows, await OldRowsAsync(database.ConnectionString));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(PreviousVersionDatabase.PreviousVersion, await SchemaMigrator.CurrentVersionAsync(connection));
    }

    /// <summary>
    /// Two lives' runs over four pages (written out of page order), a tokenjournal page, and tokens: live ones of
    /// every operation, expired ones, and a run's token whose own row is missing (a silo lost between the two
    /// writes) or expired.
    /// </summary>
    private static async Task<Seeded> SeedAsync(PreviousVersionDatabase database)
    {
        var live = new Dictionary<(string, string, string, string), ClientTokenRecord>();
        async Task Token(FlowLife life, string operation, string clientToken, ClientTokenRecord record, bool carried)
        {
            await database.WriteTokenAsync(life, operation, clientToken, record);
            if (carried)
            {
                live[(life.FlowName, life.Incarnation, operation, LedgerToken.Hash(clientToken))] = record;
            }
        }

        var started = new StartFlowResult("arn:flow/orders", Now.AddHours(-1), "orders", "arn:flow/orders", FlowStatus.Active, "o-2");
        await Token(Orders, TokenOperations.Start, "start-1", new ClientTokenRecord("fp-start", Now.AddHours(-1), started), carried: true);
        await Token(FlowLife.ForCreates("orders"), TokenOperations.Create, "create-1", new ClientTokenRecord("fp-create", Now.AddHours(-7.9), new CreateFlowResult("arn:flow/orders", FlowStatus.Active)), carried: true);
        await Token(Orders, TokenOperations.Event, "evt-1", new ClientTokenRecord("fp-event", Now.AddMinutes(-5), started with { ExecutionId = "o-3" }), carried: true);
        await Token(Orders, TokenOperations.Update, "update-old", new ClientTokenRecord("fp-update", Now.AddHours(-8), new CreateFlowResult("arn", FlowStatus.Active)), carried: false);

        var pendingOutcome = new ClientTokenRecord("fp-run", Now.AddMinutes(-1), started with { ExecutionId = "o-5" });
        live[(Orders.FlowName, Orders.Incarnation, TokenOperations.Start, LedgerToken.Hash("start-lost"))] = pendingOutcome;
        var expiredPending = new ClientTokenRecord("fp-old-run", Now.AddHours(-9), started with { ExecutionId = "o-4" });

        await database.WritePageAsync(Orders, 2, new ExecutionPage
        {
            Records =
            [
                PreviousVersionDatabase.Record("o-4", ExecutionStatus.CancelStarted, Now.AddHours(-2)),
                PreviousVersionDatabase.Record("o-5", ExecutionStatus.InProgress, Now.AddMinutes(-1)),
            ],
            Pending = new(StringComparer.Ordinal)
            {
                ["o-4"] = new PendingRun(PreviousVersionDatabase.Spec(Orders, "o-4"), Launcher, new PendingToken(PreviousVersionDatabase.TokenKey(Orders, TokenOperations.Start, "start-expired"), expiredPending)),
                ["o-5"] = new PendingRun(PreviousVersionDatabase.Spec(Orders, "o-5"), Launcher, new PendingToken(PreviousVersionDatabase.TokenKey(Orders, TokenOperations.Start, "start-lost"), pendingOutcome), Resumes: 2),
            },
        });
        await database.WritePageAsync(Orders, 0, new ExecutionPage
        {
            Records =
            [
                PreviousVersionDatabase.Record("o-0", ExecutionStatus.Successful, Now.AddHours(-7)),
                PreviousVersionDatabase.Record("o-1", ExecutionStatus.Error, Now.AddHours(-6), new ErrorInfo(3, "PostgreSQL: writing to table \"t\" failed")),
            ],
            Tokens = [new TokenExpiry(PreviousVersionDatabase.TokenKey(Orders, TokenOperations.Start, "start-1"), Now.AddHours(7))],
        });
        await database.WritePageAsync(Orders, 1, new ExecutionPage
        {
            Records =
            [
                PreviousVersionDatabase.Record("o-2", ExecutionStatus.Canceled, Now.AddHours(-1)),
                PreviousVersionDatabase.Record("o-3", ExecutionStatus.Skipped, Now.AddMinutes(-5)),
            ],
        });
        await database.WritePageAsync(Billing, 0, new ExecutionPage
        {
            Records =
            [
                PreviousVersionDatabase.Record("b-0", ExecutionStatus.Successful, Now.AddDays(-40)),
                PreviousVersionDatabase.Record("b-1", ExecutionStatus.Successful, Now.AddDays(-39)),
            ],
        });
        await database.WriteJournalPageAsync(Orders, 0, new TokenJournalPage { Tokens = [new TokenExpiry("orders/life-1/update/x", Now)] });
        await database.WriteOtherStateAsync(FlowStorageNames.FlowState, "orders", new FlowState { Incarnation = "life-1" });
        return new Seeded(live);
    }

    private static (string, string, string, string?) Describe(RunSpec spec) =>
        (spec.FlowName, spec.Incarnation, spec.ExecutionId, spec.EventPayload);

    private static T Deserialize<T>(byte[] payload)
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(RunSpec).Assembly).AddAssembly(typeof(StartFlowResult).Assembly))
            .BuildServiceProvider();
        return services.GetRequiredService<Serializer>().Deserialize<T>(payload)!;
    }

    private static async Task<List<(string State, string Key)>> OldRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, grain_id_extension FROM orleans_grain_state WHERE state_name = ANY(@states) ORDER BY 1, 2", connection);
        command.Parameters.AddWithValue("states", LegacyRow.StateNames);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<CarriedTables> LedgerTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var runs = new List<CarriedRun>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT flow_name, incarnation, execution_id, status, started_at, last_updated_at, records_processed, bytes_processed,
                bytes_written, put_failures, error_message, data_pull_start, data_pull_end, spec, launched_by, resumes, sequence
            FROM flowgrains_runs ORDER BY sequence
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                runs.Add(new CarriedRun(
                    new FlowLife(reader.GetString(0), reader.GetString(1)), reader.GetString(2), (ExecutionStatus)reader.GetInt16(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), reader.GetInt64(7),
                    reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                    reader.IsDBNull(13) ? null : Convert.ToHexString((byte[])reader.GetValue(13)), reader.IsDBNull(14) ? null : reader.GetString(14), reader.GetInt32(15), reader.GetInt64(16)));
            }
        }

        var tokens = new Dictionary<(string, string, string, string), CarriedToken>();
        await using (var command = new NpgsqlCommand(
            "SELECT flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, change_id, settled FROM flowgrains_tokens",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tokens[(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] = new CarriedToken(
                    reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), Convert.ToHexString((byte[])reader.GetValue(7)),
                    reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetBoolean(9));
            }
        }

        return new CarriedTables(runs, tokens);
    }

    private sealed record Seeded(Dictionary<(string, string, string, string), ClientTokenRecord> LiveTokens);

    private sealed record CarriedTables(List<CarriedRun> Runs, Dictionary<(string, string, string, string), CarriedToken> Tokens);

    private sealed record CarriedRun(
        FlowLife Life, string ExecutionId, ExecutionStatus Status, DateTimeOffset StartedAt, DateTimeOffset LastUpdatedAt, long Records,
        long BytesProcessed, long BytesWritten, long? PutFailures, string? ErrorMessage, DateTimeOffset? DataPullStart, DateTimeOffset? DataPullEnd,
        string? Spec, string? LaunchedBy, int Resumes, long Sequence);

    private sealed record CarriedToken(string Fingerprint, DateTimeOffset AcceptedAt, DateTimeOffset ExpiresAt, string Outcome, string? ChangeId, bool Settled);
}
