using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// The ledger in <c>flowgrains_tokens</c> and <c>flowgrains_runs</c> (schema step 0006). Starts of the whole silo
/// are written together, and so are run updates (a queue of each, see <see cref="GroupCommit{TPending}"/>); every
/// other method is one statement.
/// </summary>
public sealed class PostgresFlowLedgerStore : IFlowLedgerStore, IAsyncDisposable, IDisposable
{
    private const string ClaimSql = """
        INSERT INTO flowgrains_tokens AS stored
            (flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, change_id, settled)
        VALUES (@flow_name, @incarnation, @operation, @token_hash, @fingerprint, @accepted_at, @expires_at, @outcome, @change_id, @settled)
        ON CONFLICT (flow_name, incarnation, operation, token_hash) DO UPDATE SET
            fingerprint = excluded.fingerprint, accepted_at = excluded.accepted_at, expires_at = excluded.expires_at,
            outcome = excluded.outcome, change_id = excluded.change_id, settled = excluded.settled
        WHERE stored.expires_at <= @now OR (NOT stored.settled AND stored.change_id = @replacing)
        RETURNING 1
        """;

    private const string SettleSql = """
        UPDATE flowgrains_tokens SET settled = true
        WHERE flow_name = @flow_name AND incarnation = @incarnation AND operation = @operation AND token_hash = @token_hash
          AND change_id = @change_id AND NOT settled
        """;

    private const string UnfinishedSql = $"""
        SELECT {LedgerRowCodec.RunColumns} FROM flowgrains_runs
        WHERE flow_name = @flow_name AND incarnation = @incarnation AND status IN (0, 3)
        ORDER BY sequence
        """;

    private const string RunsSql = $"""
        SELECT {LedgerRowCodec.RunColumns} FROM flowgrains_runs
        WHERE flow_name = @flow_name AND incarnation = @incarnation AND sequence < @before
        ORDER BY sequence DESC
        LIMIT @limit
        """;

    // One statement, so a life is forgotten whole or not at all.
    private const string ForgetSql = """
        WITH runs AS (DELETE FROM flowgrains_runs WHERE flow_name = @flow_name AND incarnation = @incarnation)
        DELETE FROM flowgrains_tokens WHERE flow_name = @flow_name AND incarnation = @incarnation
        """;

    // The outer condition is checked again on a row changed meanwhile, so a token replaced by a start is kept.
    private const string PurgeTokensSql = """
        DELETE FROM flowgrains_tokens WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM flowgrains_tokens WHERE expires_at <= @now LIMIT @max))
        AND expires_at <= @now
        """;

    private const string PurgeRunsSql = """
        DELETE FROM flowgrains_runs WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM flowgrains_runs WHERE status NOT IN (0, 3) AND last_updated_at < @cutoff LIMIT @max))
        AND status NOT IN (0, 3) AND last_updated_at < @cutoff
        """;

    private readonly LedgerDatabase _database;
    private readonly LedgerRowCodec _codec;
    private readonly GroupCommit<PendingStart> _starts;
    private readonly GroupCommit<PendingUpdate> _updates;

    /// <param name="connectionString">The silo's connection string (the one Orleans' providers use, so one pool serves both).</param>
    /// <param name="serializer">Serializes token outcomes and run specs.</param>
    /// <param name="options">The group-commit knobs.</param>
    /// <param name="wallClock">Times the batches' wait; the real clock in a silo.</param>
    /// <param name="logger">Reports failed batches.</param>
    public PostgresFlowLedgerStore(
        string connectionString, Serializer serializer, PostgresLedgerOptions options, TimeProvider wallClock, ILogger<PostgresFlowLedgerStore> logger)
    {
        _database = new LedgerDatabase(connectionString);
        _codec = new LedgerRowCodec(serializer);
        var starts = new StartBatchWriter(_database, new StartBatchStatement(_codec));
        var updates = new UpdateBatchWriter(_database, new UpdateBatchStatement(_codec));
        _starts = new GroupCommit<PendingStart>(options, wallClock, starts.WriteAsync, "flow starts", logger);
        _updates = new GroupCommit<PendingUpdate>(options, wallClock, updates.WriteAsync, "run updates", logger);
    }

    /// <inheritdoc />
    public Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now)
    {
        var pending = new PendingStart(start, now);
        _starts.Queue(pending);
        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public async Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now)
    {
        await using var connection = await _database.OpenAsync();
        return await TokenQueries.FindActiveAsync(connection, _codec, life, operation, tokenHash, now);
    }

    /// <inheritdoc />
    public async Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now)
    {
        await using var connection = await _database.OpenAsync();
        while (true)
        {
            await using (var command = await LedgerDatabase.PrepareAsync(connection, ClaimSql, parameters =>
            {
                parameters.AddLife(life);
                AddToken(parameters, token);
                parameters.AddTyped("now", NpgsqlDbType.TimestampTz, now.UtcDateTime);
                parameters.AddTyped("replacing", NpgsqlDbType.Text, replacing);
            }))
            {
                if (await command.ExecuteScalarAsync() is not null)
                {
                    return null;
                }
            }

            // Kept because it is active; read it as now committed. Gone meanwhile (purged): claim again.
            if (await TokenQueries.FindActiveAsync(connection, _codec, life, token.Operation, token.TokenHash, now) is { } stored)
            {
                return stored;
            }
        }
    }

    /// <inheritdoc />
    public async Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = await LedgerDatabase.PrepareAsync(connection, SettleSql, parameters =>
        {
            parameters.AddLife(life);
            parameters.AddTyped("operation", NpgsqlDbType.Text, operation);
            parameters.AddTyped("token_hash", NpgsqlDbType.Text, tokenHash);
            parameters.AddTyped("change_id", NpgsqlDbType.Text, changeId);
        });
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run)
    {
        var pending = new PendingUpdate(life, expected, run);
        _updates.Queue(pending);
        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life) =>
        await ReadRunsAsync(UnfinishedSql, parameters => parameters.AddLife(life));

    /// <inheritdoc />
    public async Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max)
    {
        // One row past the page tells whether older runs remain.
        var runs = await ReadRunsAsync(RunsSql, parameters =>
        {
            parameters.AddLife(life);
            parameters.AddTyped("before", NpgsqlDbType.Bigint, before ?? long.MaxValue);
            parameters.AddTyped("limit", NpgsqlDbType.Integer, max + 1);
        });
        var page = runs.Take(max).ToList();
        return new RunHistoryPage([.. page.Select(run => run.Record)], runs.Count > max ? page[^1].Sequence : null);
    }

    /// <inheritdoc />
    public async Task ForgetLifeAsync(FlowLife life)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = await LedgerDatabase.PrepareAsync(connection, ForgetSql, parameters => parameters.AddLife(life));
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max) =>
        DeleteAsync(PurgeTokensSql, "now", now, max);

    /// <inheritdoc />
    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max) =>
        DeleteAsync(PurgeRunsSql, "cutoff", cutoff, max);

    /// <summary>Writes the starts and updates still queued, then stops taking new ones.</summary>
    public async ValueTask DisposeAsync()
    {
        await _starts.DisposeAsync();
        await _updates.DisposeAsync();
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously (which refuses async-only services).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void AddToken(NpgsqlParameterCollection parameters, LedgerToken token)
    {
        parameters.AddTyped("outcome", NpgsqlDbType.Bytea, _codec.Outcome(token));
        parameters.AddTyped("operation", NpgsqlDbType.Text, token.Operation);
        parameters.AddTyped("token_hash", NpgsqlDbType.Text, token.TokenHash);
        parameters.AddTyped("fingerprint", NpgsqlDbType.Text, token.Fingerprint);
        parameters.AddTyped("accepted_at", NpgsqlDbType.TimestampTz, token.AcceptedAt.UtcDateTime);
        parameters.AddTyped("expires_at", NpgsqlDbType.TimestampTz, token.ExpiresAt.UtcDateTime);
        parameters.AddTyped("change_id", NpgsqlDbType.Text, token.ChangeId);
        parameters.AddTyped("settled", NpgsqlDbType.Boolean, token.Settled);
    }

    private async Task<List<LedgerRun>> ReadRunsAsync(string sql, Action<NpgsqlParameterCollection> bind)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = await LedgerDatabase.PrepareAsync(connection, sql, bind);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<LedgerRun>();
        while (await reader.ReadAsync())
        {
            runs.Add(_codec.ReadRun(reader));
        }

        return runs;
    }

    private async Task<int> DeleteAsync(string sql, string timeName, DateTimeOffset time, int max)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = await LedgerDatabase.PrepareAsync(connection, sql, parameters =>
        {
            parameters.AddTyped(timeName, NpgsqlDbType.TimestampTz, time.UtcDateTime);
            parameters.AddTyped("max", NpgsqlDbType.Integer, max);
        });
        return await command.ExecuteNonQueryAsync();
    }
}
