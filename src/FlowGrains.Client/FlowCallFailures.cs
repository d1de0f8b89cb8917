using FlowGrains.Errors;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace FlowGrains.Client;

/// <summary>Which failed calls a client may simply repeat: with the same clientToken a repeated start runs at most once.</summary>
public static class FlowCallFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> is an outage that passes by itself: a gateway or silo gone, a call that got
    /// no answer in time, the flow store unavailable (SERVICE_UNAVAILABLE) or too many runs under way (THROTTLED).
    /// Domain errors such as NOT_FOUND or VALIDATION_ERROR are not: repeating them gives the same answer.
    /// </summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        FlowOperationException flow => flow.Code is FlowErrorCode.ServiceUnavailable or FlowErrorCode.Throttled,
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ConnectionFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRetryable),
        _ => exception.InnerException is { } inner && IsRetryable(inner),
    };
}
