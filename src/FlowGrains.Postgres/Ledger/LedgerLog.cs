using Microsoft.Extensions.Logging;

namespace FlowGrains.Postgres.Ledger;

/// <summary>The log messages of the PostgreSQL ledger.</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(1, LogLevel.Warning, "Writing a batch of {Count} {What} failed; each caller sees the failure and may retry")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string what);
}
