using FlowGrains.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Runs (with their identity) as one array per column of <c>flowgrains_runs</c>, each parameter named as its column:
/// the shape <c>unnest</c> turns back into rows, for the batches of starts and of updates alike.
/// </summary>
internal sealed class RunArrays(int count)
{
    private readonly string[] _flowName = new string[count];
    private readonly string[] _incarnation = new string[count];
    private readonly string[] _executionId = new string[count];
    private readonly short[] _status = new short[count];
    private readonly DateTime[] _startedAt = new DateTime[count];
    private readonly DateTime[] _lastUpdatedAt = new DateTime[count];
    private readonly long[] _recordsProcessed = new long[count];
    private readonly long[] _bytesProcessed = new long[count];
    private readonly long[] _bytesWritten = new long[count];
    private readonly long?[] _putFailures = new long?[count];
    private readonly string?[] _errorMessage = new string?[count];
    private readonly DateTime?[] _dataPullStart = new DateTime?[count];
    private readonly DateTime?[] _dataPullEnd = new DateTime?[count];
    private readonly byte[]?[] _spec = new byte[]?[count];
    private readonly string?[] _launchedBy = new string?[count];
    private readonly int[] _resumes = new int[count];

    public void Set(int i, FlowLife life, LedgerRun run, LedgerRowCodec codec)
    {
        var record = run.Record;
        var error = record.ExecutionResult.ErrorInfo;
        (_flowName[i], _incarnation[i], _executionId[i]) = (life.FlowName, life.Incarnation, run.ExecutionId);
        _status[i] = (short)record.ExecutionStatus;
        (_startedAt[i], _lastUpdatedAt[i]) = (record.StartedAt.UtcDateTime, record.LastUpdatedAt.UtcDateTime);
        _recordsProcessed[i] = record.ExecutionResult.RecordsProcessed;
        _bytesProcessed[i] = record.ExecutionResult.BytesProcessed;
        _bytesWritten[i] = record.ExecutionResult.BytesWritten;
        (_putFailures[i], _errorMessage[i]) = (error?.PutFailuresCount, error?.ExecutionMessage);
        (_dataPullStart[i], _dataPullEnd[i]) = (record.DataPullStartTime?.UtcDateTime, record.DataPullEndTime?.UtcDateTime);
        (_spec[i], _launchedBy[i], _resumes[i]) = (codec.Spec(run), run.LaunchedBy, run.Resumes);
    }

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        const NpgsqlDbType Array = NpgsqlDbType.Array;
        parameters.AddTyped("flow_name", Array | NpgsqlDbType.Text, _flowName);
        parameters.AddTyped("incarnation", Array | NpgsqlDbType.Text, _incarnation);
        parameters.AddTyped("execution_id", Array | NpgsqlDbType.Text, _executionId);
        parameters.AddTyped("status", Array | NpgsqlDbType.Smallint, _status);
        parameters.AddTyped("started_at", Array | NpgsqlDbType.TimestampTz, _startedAt);
        parameters.AddTyped("last_updated_at", Array | NpgsqlDbType.TimestampTz, _lastUpdatedAt);
        parameters.AddTyped("records_processed", Array | NpgsqlDbType.Bigint, _recordsProcessed);
        parameters.AddTyped("bytes_processed", Array | NpgsqlDbType.Bigint, _bytesProcessed);
        parameters.AddTyped("bytes_written", Array | NpgsqlDbType.Bigint, _bytesWritten);
        parameters.AddTyped("put_failures", Array | NpgsqlDbType.Bigint, _putFailures);
        parameters.AddTyped("error_message", Array | NpgsqlDbType.Text, _errorMessage);
        parameters.AddTyped("data_pull_start", Array | NpgsqlDbType.TimestampTz, _dataPullStart);
        parameters.AddTyped("data_pull_end", Array | NpgsqlDbType.TimestampTz, _dataPullEnd);
        parameters.AddTyped("spec", Array | NpgsqlDbType.Bytea, _spec);
        parameters.AddTyped("launched_by", Array | NpgsqlDbType.Text, _launchedBy);
        parameters.AddTyped("resumes", Array | NpgsqlDbType.Integer, _resumes);
    }
}
