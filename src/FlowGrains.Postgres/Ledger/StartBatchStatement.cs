using FlowGrains.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Writes a batch of starts in one statement: the tokens go in with <c>INSERT … ON CONFLICT</c> (an expired one is
/// replaced), the runs whose token went in (or that have none) follow, and each start learns whether it was stored
/// or which active token stopped it. The batch must hold each token identity at most once: Postgres refuses to
/// touch one row twice in a statement.
/// </summary>
internal sealed class StartBatchStatement(LedgerRowCodec codec)
{
    // Tokens are inserted in key order, the same in every batch of every silo, so two batches that share tokens
    // lock them in one order and never deadlock. Runs go in arrival order, so their sequence follows it. The final
    // SELECT sees the tokens as they were when the statement began (a data-modifying CTE's siblings do): a token
    // another transaction committed meanwhile shows as neither written nor found, and is read again afterwards.
    private const string Sql = """
        WITH input AS (
            SELECT * FROM unnest(
                @flow_name::text[], @incarnation::text[], @execution_id::text[], @status::smallint[], @started_at::timestamptz[],
                @last_updated_at::timestamptz[], @records_processed::bigint[], @bytes_processed::bigint[], @bytes_written::bigint[],
                @put_failures::bigint[], @error_message::text[], @data_pull_start::timestamptz[], @data_pull_end::timestamptz[],
                @spec::bytea[], @launched_by::text[], @resumes::integer[], @operation::text[], @token_hash::text[],
                @fingerprint::text[], @accepted_at::timestamptz[], @expires_at::timestamptz[], @outcome::bytea[],
                @change_id::text[], @settled::boolean[], @asked_at::timestamptz[])
            WITH ORDINALITY AS i(flow_name, incarnation, execution_id, status, started_at, last_updated_at, records_processed,
                bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end, spec, launched_by,
                resumes, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, change_id, settled, asked_at, ord)
        ),
        written AS (
            INSERT INTO flowgrains_tokens AS stored
                (flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, change_id, settled)
            SELECT flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome, change_id, settled
            FROM input WHERE token_hash IS NOT NULL
            ORDER BY flow_name COLLATE "C", incarnation COLLATE "C", operation COLLATE "C", token_hash COLLATE "C"
            ON CONFLICT (flow_name, incarnation, operation, token_hash) DO UPDATE SET
                fingerprint = excluded.fingerprint, accepted_at = excluded.accepted_at, expires_at = excluded.expires_at,
                outcome = excluded.outcome, change_id = excluded.change_id, settled = excluded.settled
            WHERE stored.expires_at <= (
                SELECT asking.asked_at FROM input asking
                WHERE asking.flow_name = excluded.flow_name AND asking.incarnation = excluded.incarnation
                  AND asking.operation = excluded.operation AND asking.token_hash = excluded.token_hash)
            RETURNING flow_name, incarnation, operation, token_hash
        ),
        runs AS (
            INSERT INTO flowgrains_runs (flow_name, incarnation, execution_id, status, started_at, last_updated_at, records_processed,
                bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end, spec, launched_by, resumes)
            SELECT flow_name, incarnation, execution_id, status, started_at, last_updated_at, records_processed,
                bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end, spec, launched_by, resumes
            FROM input i
            WHERE i.token_hash IS NULL OR EXISTS (
                SELECT 1 FROM written w
                WHERE w.flow_name = i.flow_name AND w.incarnation = i.incarnation AND w.operation = i.operation AND w.token_hash = i.token_hash)
            ORDER BY ord
            -- A run already stored under its execution id (a tokenless start sent again) is kept, not a reason to fail the batch.
            ON CONFLICT (flow_name, incarnation, execution_id) DO NOTHING
        )
        SELECT i.ord, (i.token_hash IS NULL OR w.token_hash IS NOT NULL),
            t.fingerprint, t.accepted_at, t.outcome, t.change_id, t.settled
        FROM input i
        LEFT JOIN written w
            ON w.flow_name = i.flow_name AND w.incarnation = i.incarnation AND w.operation = i.operation AND w.token_hash = i.token_hash
        LEFT JOIN flowgrains_tokens t
            ON w.token_hash IS NULL AND t.flow_name = i.flow_name AND t.incarnation = i.incarnation
            AND t.operation = i.operation AND t.token_hash = i.token_hash AND t.expires_at > i.asked_at
        ORDER BY i.ord
        """;

    /// <summary>
    /// Writes <paramref name="starts"/> (distinct token identities); per start, in order: stored (null token), stopped
    /// by an active token (that token), or to be tried again (its token was replaced under it by another silo).
    /// </summary>
    public async Task<StartResult[]> ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<PendingStart> starts)
    {
        var results = new StartResult[starts.Count];
        var unresolved = new List<int>();
        await using (var command = await LedgerDatabase.PrepareAsync(connection, Sql, parameters => Bind(parameters, starts)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var index = (int)reader.GetInt64(0) - 1;
                if (reader.GetBoolean(1))
                {
                    results[index] = StartResult.Stored;
                }
                else if (reader.IsDBNull(2))
                {
                    unresolved.Add(index);
                }
                else
                {
                    var token = starts[index].Start.Token!;
                    results[index] = new StartResult(codec.ReadToken(reader, 2, token.Operation, token.TokenHash), Retry: false);
                }
            }
        }

        foreach (var index in unresolved)
        {
            var start = starts[index];
            var token = start.Start.Token!;
            var stored = await TokenQueries.FindActiveAsync(connection, codec, start.Start.Life, token.Operation, token.TokenHash, start.Now);
            results[index] = stored is null ? StartResult.TryAgain : new StartResult(stored, Retry: false);
        }

        return results;
    }

    private void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<PendingStart> starts)
    {
        var count = starts.Count;
        var columns = new StartColumns(count);
        for (var i = 0; i < count; i++)
        {
            columns.Set(i, starts[i], codec);
        }

        columns.AddTo(parameters);
    }

    /// <summary>One start's result; <see cref="Retry"/> when it must go into another batch.</summary>
    public readonly record struct StartResult(LedgerToken? Token, bool Retry)
    {
        public static StartResult Stored => new(null, false);

        public static StartResult TryAgain => new(null, true);
    }
}
