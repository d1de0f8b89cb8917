using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Writes a batch of run updates in one statement: each run is replaced when its stored status is still the one its
/// caller expected. The batch must hold each run at most once: an <c>UPDATE … FROM</c> that joins a row twice updates
/// it once, with either input.
/// </summary>
internal sealed class UpdateBatchStatement(LedgerRowCodec codec)
{
    // A row another transaction is updating is waited for, and its status compared again once that one committed,
    // so two silos' updates of one run are a compare-and-set each: the second sees the first's status.
    private const string Sql = """
        UPDATE flowgrains_runs AS r SET status = u.status, started_at = u.started_at, last_updated_at = u.last_updated_at,
            records_processed = u.records_processed, bytes_processed = u.bytes_processed, bytes_written = u.bytes_written,
            put_failures = u.put_failures, error_message = u.error_message, data_pull_start = u.data_pull_start,
            data_pull_end = u.data_pull_end, spec = u.spec, launched_by = u.launched_by, resumes = u.resumes
        FROM unnest(
                @flow_name::text[], @incarnation::text[], @execution_id::text[], @expected::smallint[], @status::smallint[],
                @started_at::timestamptz[], @last_updated_at::timestamptz[], @records_processed::bigint[], @bytes_processed::bigint[],
                @bytes_written::bigint[], @put_failures::bigint[], @error_message::text[], @data_pull_start::timestamptz[],
                @data_pull_end::timestamptz[], @spec::bytea[], @launched_by::text[], @resumes::integer[])
            WITH ORDINALITY AS u(flow_name, incarnation, execution_id, expected, status, started_at, last_updated_at,
                records_processed, bytes_processed, bytes_written, put_failures, error_message, data_pull_start, data_pull_end,
                spec, launched_by, resumes, ord)
        WHERE r.flow_name = u.flow_name AND r.incarnation = u.incarnation AND r.execution_id = u.execution_id AND r.status = u.expected
        RETURNING u.ord
        """;

    /// <summary>Writes <paramref name="updates"/> (distinct runs); per update, in order, whether its run was replaced.</summary>
    public async Task<bool[]> ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<PendingUpdate> updates)
    {
        var updated = new bool[updates.Count];
        await using var command = await LedgerDatabase.PrepareAsync(connection, Sql, parameters => Bind(parameters, updates));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            updated[(int)reader.GetInt64(0) - 1] = true;
        }

        return updated;
    }

    private void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<PendingUpdate> updates)
    {
        var runs = new RunArrays(updates.Count);
        var expected = new short[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            runs.Set(i, updates[i].Life, updates[i].Run, codec);
            expected[i] = (short)updates[i].Expected;
        }

        runs.AddTo(parameters);
        parameters.AddTyped("expected", NpgsqlDbType.Array | NpgsqlDbType.Smallint, expected);
    }
}
