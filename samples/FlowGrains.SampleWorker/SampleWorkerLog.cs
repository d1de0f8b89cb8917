using FlowGrains.Errors;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.SampleWorker;

internal static partial class SampleWorkerLog
{
    [LoggerMessage(1, LogLevel.Information, "Created flow {FlowName}")]
    public static partial void Created(ILogger logger, string flowName);

    [LoggerMessage(2, LogLevel.Information, "Started {FlowName} with clientToken {ClientToken}: execution {ExecutionId}; last run {LastStatus}")]
    public static partial void Started(ILogger logger, string flowName, string clientToken, string? executionId, ExecutionStatus? lastStatus);

    [LoggerMessage(3, LogLevel.Warning, "Starting {FlowName} with clientToken {ClientToken} failed for now ({Failure}); the next tick repeats the same token")]
    public static partial void WillRetry(ILogger logger, string flowName, string clientToken, string failure);

    [LoggerMessage(4, LogLevel.Error, "Starting {FlowName} with clientToken {ClientToken} was refused: {Code} {Message}")]
    public static partial void Refused(ILogger logger, string flowName, string clientToken, FlowErrorCode code, string message);
}
