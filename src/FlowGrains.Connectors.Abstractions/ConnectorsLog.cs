using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors;

/// <summary>The log messages of the connector API's shared parts. Event ids keep the numbers they had in the grains.</summary>
internal static partial class ConnectorsLog
{
    [LoggerMessage(40, LogLevel.Warning, "Egress to {Host} refused: {Reason}")]
    public static partial void EgressRefused(ILogger logger, string host, string reason);
}
