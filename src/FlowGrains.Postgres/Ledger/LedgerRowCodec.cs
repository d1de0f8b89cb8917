using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Turns ledger records into the columns of <c>flowgrains_runs</c> and <c>flowgrains_tokens</c> and back. A run's
/// record lives in plain columns (queried by retention and recovery); a token's outcome and a run's spec are
/// Orleans' binary serialization, which names types by [Alias], so they survive renames. Times keep microseconds.
/// </summary>
internal sealed class LedgerRowCodec(Serializer serializer)
{
    /// <summary>The run columns <see cref="ReadRun"/> reads, in its order.</summary>
    public const string RunColumns =
        "sequence, execution_id, status, started_at, last_updated_at, records_processed, bytes_processed, bytes_written, " +
        "put_failures, error_message, data_pull_start, data_pull_end, spec, launched_by, resumes";

    /// <summary>The token columns <see cref="ReadToken"/> reads from its first ordinal on, in its order.</summary>
    public const string TokenColumns = "fingerprint, accepted_at, outcome, change_id, settled";

    public byte[] Outcome(LedgerToken token) => serializer.SerializeToArray<object>(token.Outcome);

    public byte[]? Spec(LedgerRun run) => run.Spec is null ? null : serializer.SerializeToArray(run.Spec);

    /// <summary>The run of a row read with <see cref="RunColumns"/>.</summary>
    public LedgerRun ReadRun(NpgsqlDataReader row)
    {
        var error = row.IsDBNull(9) ? null : new ErrorInfo(row.IsDBNull(8) ? 0 : row.GetInt64(8), row.GetString(9));
        var record = new ExecutionRecord(
            row.GetString(1),
            (ExecutionStatus)row.GetInt16(2),
            row.GetFieldValue<DateTimeOffset>(3),
            row.GetFieldValue<DateTimeOffset>(4),
            new ExecutionResult(row.GetInt64(5), row.GetInt64(6), row.GetInt64(7), error),
            row.IsDBNull(10) ? null : row.GetFieldValue<DateTimeOffset>(10),
            row.IsDBNull(11) ? null : row.GetFieldValue<DateTimeOffset>(11));
        var spec = row.IsDBNull(12) ? null : serializer.Deserialize<RunSpec>(row.GetFieldValue<byte[]>(12));
        return new LedgerRun(record, spec, row.IsDBNull(13) ? null : row.GetString(13), row.GetInt32(14), row.GetInt64(0));
    }

    /// <summary>The token of <paramref name="operation"/> and <paramref name="tokenHash"/> in a row read with <see cref="TokenColumns"/> from <paramref name="first"/> on.</summary>
    public LedgerToken ReadToken(NpgsqlDataReader row, int first, string operation, string tokenHash) => new(
        operation,
        tokenHash,
        row.GetString(first),
        row.GetFieldValue<DateTimeOffset>(first + 1),
        serializer.Deserialize<object>(row.GetFieldValue<byte[]>(first + 2))!,
        row.IsDBNull(first + 3) ? null : row.GetString(first + 3),
        row.GetBoolean(first + 4));
}
