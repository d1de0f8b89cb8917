using Microsoft.Extensions.Logging;

namespace FlowGrains.DataPlane;

/// <summary>The log messages of the runner. Event ids keep the numbers they had in the grains.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(1, LogLevel.Error, "Run {ExecutionId} of flow {FlowName} failed unexpectedly")]
    public static partial void RunFailed(ILogger logger, Exception exception, string flowName, string executionId);

    [LoggerMessage(7, LogLevel.Warning, "A destination writer of run {ExecutionId} of flow {FlowName} failed to close")]
    public static partial void WriterDisposeFailed(ILogger logger, Exception exception, string flowName, string executionId);

    [LoggerMessage(15, LogLevel.Debug, "Reporting progress of run {ExecutionId} of flow {FlowName} failed; the next report carries it")]
    public static partial void ProgressReportFailed(ILogger logger, Exception exception, string flowName, string executionId);
}
