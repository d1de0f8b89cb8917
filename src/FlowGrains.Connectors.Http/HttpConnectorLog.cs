using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors.Http;

/// <summary>The Http connector's log messages. Requests are named by method and path only: no query, header or credential is logged.</summary>
internal static partial class HttpConnectorLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{Request} got {Reason} on attempt {Attempt}; retrying in {Delay}.")]
    public static partial void RetryingRequest(ILogger logger, string request, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "{Request}: stopped after maxPages ({MaxPages}) pages although the server offered another page.")]
    public static partial void PageLimitReached(ILogger logger, string request, int maxPages);
}
