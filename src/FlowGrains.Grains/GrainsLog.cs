using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains;

/// <summary>The log messages of the grains.</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(3, LogLevel.Information, "Flow {FlowName} created ({TriggerType})")]
    public static partial void FlowCreated(ILogger logger, string flowName, string triggerType);

    [LoggerMessage(4, LogLevel.Information, "Flow {FlowName} deleted")]
    public static partial void FlowDeleted(ILogger logger, string flowName);

    [LoggerMessage(6, LogLevel.Warning, "Reporting the outcome of run {ExecutionId} of flow {FlowName} failed; retrying")]
    public static partial void RunOutcomeReportRetried(ILogger logger, Exception exception, string flowName, string executionId);

    [LoggerMessage(8, LogLevel.Warning, "Settling a clientToken of flow {FlowName} failed; its change is stored, and the next change or retry settles it")]
    public static partial void TokenSettleDeferred(ILogger logger, Exception exception, string flowName);

    [LoggerMessage(9, LogLevel.Warning, "Cleaning up after deleting flow {FlowName} failed; unreachable entries of its old life remain in storage")]
    public static partial void DeleteCleanupFailed(ILogger logger, Exception exception, string flowName);

    [LoggerMessage(11, LogLevel.Warning, "Storing the schedule state of flow {FlowName} after a run failed; it is stored with the next write")]
    public static partial void ScheduleStateWriteFailed(ILogger logger, Exception exception, string flowName);

    [LoggerMessage(5, LogLevel.Information, "Run {ExecutionId} of flow {FlowName} ended {Status}")]
    public static partial void RunEnded(ILogger logger, string flowName, string executionId, string status);

    [LoggerMessage(12, LogLevel.Warning, "Run {ExecutionId} of flow {FlowName} lost its silo {Silo}; resuming it here")]
    public static partial void RunResumed(ILogger logger, string flowName, string executionId, string silo);

    [LoggerMessage(13, LogLevel.Warning, "Resuming the stored runs of flow {FlowName} failed; retrying")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string flowName);

    [LoggerMessage(14, LogLevel.Warning, "FlowGrains:ConnectorProfiles:EncryptionKey is not set: connector profile credentials are encrypted with a key that lives only in this process, so profiles stored durably cannot be read after a restart")]
    public static partial void EphemeralCredentialKey(ILogger logger);

    [LoggerMessage(20, LogLevel.Warning, "FlowGrains:PaginationKey is not set: nextTokens are signed with a key that lives only in this process, so other silos and later processes refuse them")]
    public static partial void EphemeralPaginationKey(ILogger logger);

    [LoggerMessage(50, LogLevel.Debug, "Ledger retention removed {Tokens} expired tokens and {Runs} runs past retention (caught up: {CaughtUp})")]
    public static partial void LedgerPurged(ILogger logger, int tokens, int runs, bool caughtUp);

    [LoggerMessage(51, LogLevel.Warning, "Ledger retention failed; the next tick, in {Period}, tries again")]
    public static partial void LedgerPurgeFailed(ILogger logger, Exception exception, TimeSpan period);

    [LoggerMessage(52, LogLevel.Warning, "Registering the ledger retention reminder failed; retrying in {RetryDelay}")]
    public static partial void LedgerRetentionStartRetried(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(16, LogLevel.Warning, "Flow {FlowName} could not tell connector profile {ConnectorProfileName} that it no longer uses it; deleting that profile asks the flow again")]
    public static partial void ProfileUseNotForgotten(ILogger logger, Exception exception, string flowName, string connectorProfileName);

    [LoggerMessage(17, LogLevel.Warning, "Connector profile {ConnectorProfileName} could not forget the flows that no longer name it; its next delete asks them again")]
    public static partial void StaleProfileUsersKept(ILogger logger, Exception exception, string connectorProfileName);

    [LoggerMessage(18, LogLevel.Warning, "A schedule tick of flow {FlowName} failed; retrying in {RetryDelay}")]
    public static partial void ScheduleTickRetried(ILogger logger, Exception exception, string flowName, TimeSpan retryDelay);

    [LoggerMessage(19, LogLevel.Warning, "Moving the schedule reminder of flow {FlowName} onto its slots failed; its next tick tries again, and its alarm keeps the runs on time meanwhile")]
    public static partial void ScheduleRealignFailed(ILogger logger, Exception exception, string flowName);

    [LoggerMessage(41, LogLevel.Warning, "Run {ExecutionId} of flow {FlowName} was quarantined after {Resumes} resumes: its silo stopped under it each time")]
    public static partial void RunQuarantined(ILogger logger, string flowName, string executionId, int resumes);

    [LoggerMessage(53, LogLevel.Information, "Silo stopping: no new runs start here; waiting up to {Timeout} for the {Count} run(s) under way")]
    public static partial void RunsDraining(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(54, LogLevel.Information, "Every run of this silo ended in {Elapsed}")]
    public static partial void RunsDrained(ILogger logger, TimeSpan elapsed);

    [LoggerMessage(55, LogLevel.Warning, "{Count} run(s) outlasted the shutdown timeout ({Timeout}) and were stopped unfinished; another silo resumes them once this one has left the cluster")]
    public static partial void RunsLeftUnfinished(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(56, LogLevel.Information, "Run {ExecutionId} of flow {FlowName} was stopped by the silo's shutdown and left unfinished for another silo")]
    public static partial void RunLeftToAnotherSilo(ILogger logger, string flowName, string executionId);
}
