namespace FlowGrains.Contracts.Executions;

/// <summary>One run of a flow (describe-flow-execution-records).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.ExecutionRecord")]
public sealed record ExecutionRecord(
    [Id(0)] string ExecutionId,
    [Id(1)] ExecutionStatus ExecutionStatus,
    [Id(2)] DateTimeOffset StartedAt,
    [Id(3)] DateTimeOffset LastUpdatedAt,
    [Id(4)] ExecutionResult ExecutionResult,
    [Id(5)] DateTimeOffset? DataPullStartTime = null,
    [Id(6)] DateTimeOffset? DataPullEndTime = null);

/// <summary>What a run moved, and why it failed if it did.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.ExecutionResult")]
public sealed record ExecutionResult(
    [Id(0)] long RecordsProcessed,
    [Id(1)] long BytesProcessed,
    [Id(2)] long BytesWritten,
    [Id(3)] ErrorInfo? ErrorInfo)
{
    /// <summary>Nothing moved yet.</summary>
    public static ExecutionResult Empty { get; } = new(0, 0, 0, null);
}

/// <summary>Why a run failed.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.ErrorInfo")]
public sealed record ErrorInfo(
    [Id(0)] long PutFailuresCount,
    [Id(1)] string ExecutionMessage);

/// <summary>The latest run of a flow, as shown on the flow itself.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.LastRunExecutionDetails")]
public sealed record LastRunExecutionDetails(
    [Id(0)] ExecutionStatus MostRecentExecutionStatus,
    [Id(1)] DateTimeOffset MostRecentExecutionTime,
    [Id(2)] string? MostRecentExecutionMessage);

/// <summary>A page of runs, newest first; pass <see cref="NextToken"/> back to get older ones.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ExecutionRecordsPage")]
public sealed record ExecutionRecordsPage(
    [Id(0)] System.Collections.Immutable.ImmutableArray<ExecutionRecord> FlowExecutions,
    [Id(1)] string? NextToken);

/// <summary>The execution ids a cancel request could not cancel (unknown, or no longer running).</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.CancelFlowExecutionsResult")]
public sealed record CancelFlowExecutionsResult(
    [Id(0)] System.Collections.Immutable.ImmutableArray<string> InvalidExecutions);
