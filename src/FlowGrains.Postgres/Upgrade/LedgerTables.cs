using FlowGrains.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace FlowGrains.Postgres.Upgrade;

/// <summary>
/// Writes carried tokens and runs into the ledger's tables (schema step 6) as the ledger encodes them: status as
/// the <c>ExecutionStatus</c> number, an error as its put-failure count and message, spec and outcome as Orleans'
/// binary serialization. Rows already present are kept, so writing twice adds nothing.
/// </summary>
internal static class LedgerTables
{
    // Large enough to make few round trips, small enough that one statement's arrays stay a few megabytes.
    private const int Chunk = 5_000;

    /// <summary>Inserts <paramref name="runs"/> in their order, which becomes their sequence order; returns how many were new.</summary>
    public static async Task<int> InsertRunsAsync(
        NpgsqlConnection connection, Serializer serializer, IReadOnlyList<(FlowLife Life, LedgerRun Run)> runs, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var chunk in runs.Chunk(Chunk))
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO flowgrains_runs (flow_name, incarnation, execution_id, status, started_at, last_updated_at,
                    records_processed, bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end,
                    spec, launched_by, resumes)
                SELECT flow_name, incarnation, execution_id, status, started_at, last_updated_at,
                    records_processed, bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end,
                    spec, launched_by, resumes
                FROM unnest(@flow_names, @incarnations, @execution_ids, @statuses, @started_at, @last_updated_at,
                    @records_processed, @bytes_processed, @bytes_written, @put_failures, @error_messages, @data_pull_start, @data_pull_end,
                    @specs, @launched_by, @resumes)
                    WITH ORDINALITY AS carried(flow_name, incarnation, execution_id, status, started_at, last_updated_at,
                    records_processed, bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end,
                    spec, launched_by, resumes, position)
                ORDER BY position
                ON CONFLICT (flow_name, incarnation, execution_id) DO NOTHING
                """,
                connection);
            var records = chunk.Select(entry => entry.Run.Record).ToArray();
            var errors = records.Select(record => record.ExecutionResult.ErrorInfo).ToArray();
            Add(command, "flow_names", NpgsqlDbType.Text, chunk.Select(entry => entry.Life.FlowName));
            Add(command, "incarnations", NpgsqlDbType.Text, chunk.Select(entry => entry.Life.Incarnation));
            Add(command, "execution_ids", NpgsqlDbType.Text, records.Select(record => record.ExecutionId));
            Add(command, "statuses", NpgsqlDbType.Smallint, records.Select(record => (short)record.ExecutionStatus));
            Add(command, "started_at", NpgsqlDbType.TimestampTz, records.Select(record => record.StartedAt.ToUniversalTime()));
            Add(command, "last_updated_at", NpgsqlDbType.TimestampTz, records.Select(record => record.LastUpdatedAt.ToUniversalTime()));
            Add(command, "records_processed", NpgsqlDbType.Bigint, records.Select(record => record.ExecutionResult.RecordsProcessed));
            Add(command, "bytes_processed", NpgsqlDbType.Bigint, records.Select(record => record.ExecutionResult.BytesProcessed));
            Add(command, "bytes_written", NpgsqlDbType.Bigint, records.Select(record => record.ExecutionResult.BytesWritten));
            Add(command, "put_failures", NpgsqlDbType.Bigint, errors.Select(error => error?.PutFailuresCount));
            Add(command, "error_messages", NpgsqlDbType.Text, errors.Select(error => error?.ExecutionMessage));
            Add(command, "data_pull_start", NpgsqlDbType.TimestampTz, records.Select(record => record.DataPullStartTime?.ToUniversalTime()));
            Add(command, "data_pull_end", NpgsqlDbType.TimestampTz, records.Select(record => record.DataPullEndTime?.ToUniversalTime()));
            Add(command, "specs", NpgsqlDbType.Bytea, chunk.Select(entry => entry.Run.Spec is { } spec ? serializer.SerializeToArray(spec) : null));
            Add(command, "launched_by", NpgsqlDbType.Text, chunk.Select(entry => entry.Run.LaunchedBy));
            Add(command, "resumes", NpgsqlDbType.Integer, chunk.Select(entry => entry.Run.Resumes));
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    /// <summary>Inserts <paramref name="tokens"/>, settled and guarding no change; returns how many were new.</summary>
    public static async Task<int> InsertTokensAsync(
        NpgsqlConnection connection, Serializer serializer, IReadOnlyList<(FlowLife Life, LedgerToken Token)> tokens, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var chunk in tokens.Chunk(Chunk))
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO flowgrains_tokens (flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at,
                    outcome, change_id, settled)
                SELECT flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, NULL, true
                FROM unnest(@flow_names, @incarnations, @operations, @token_hashes, @fingerprints, @accepted_at, @expires_at, @outcomes)
                    AS carried(flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome)
                ON CONFLICT (flow_name, incarnation, operation, token_hash) DO NOTHING
                """,
                connection);
            var carried = chunk.Select(entry => entry.Token).ToArray();
            Add(command, "flow_names", NpgsqlDbType.Text, chunk.Select(entry => entry.Life.FlowName));
            Add(command, "incarnations", NpgsqlDbType.Text, chunk.Select(entry => entry.Life.Incarnation));
            Add(command, "operations", NpgsqlDbType.Text, carried.Select(token => token.Operation));
            Add(command, "token_hashes", NpgsqlDbType.Text, carried.Select(token => token.TokenHash));
            Add(command, "fingerprints", NpgsqlDbType.Text, carried.Select(token => token.Fingerprint));
            Add(command, "accepted_at", NpgsqlDbType.TimestampTz, carried.Select(token => token.AcceptedAt.ToUniversalTime()));
            Add(command, "expires_at", NpgsqlDbType.TimestampTz, carried.Select(token => token.ExpiresAt.ToUniversalTime()));
            Add(command, "outcomes", NpgsqlDbType.Bytea, carried.Select(token => serializer.SerializeToArray<object>(token.Outcome)));
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
}
