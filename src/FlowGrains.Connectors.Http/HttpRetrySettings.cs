using System.Net;
using System.Net.Http.Headers;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// When and how long requests are retried. Retried: responses 408, 429, 500, 502, 503 and 504, and connection
/// failures and timeouts; any other status is final at once. Waits back off exponentially from 1 s with jitter,
/// each at most 60 s; a <c>Retry-After</c> header (seconds or HTTP date) on a retried response sets the wait
/// instead, also capped at 60 s (a date already past means no wait). 500 is retried because servers use it for
/// passing faults too; since a POST whose response was lost may have been stored, destinations deliver at least once.
/// </summary>
internal static class HttpRetrySettings
{
    /// <summary>The flow property that sets the number of retries after the first attempt.</summary>
    public const string Key = "maxRetries";

    /// <summary>Retries after the first attempt when the flow does not say.</summary>
    public const int DefaultMaxRetries = 5;

    /// <summary>The first backoff wait, before jitter.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, whether from backoff or from <c>Retry-After</c>.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private static readonly HashSet<HttpStatusCode> RetriedStatuses =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Reads <see cref="Key"/>: 0–10, default <see cref="DefaultMaxRetries"/>.</summary>
    public static int MaxRetries(ConnectorProperties properties) => properties.Integer(Key, DefaultMaxRetries, 0, 10);

    /// <summary>Whether a response with <paramref name="status"/> is worth another attempt.</summary>
    public static bool IsRetried(HttpStatusCode status) => RetriedStatuses.Contains(status);

    /// <summary>The wait a <c>Retry-After</c> header asks for at <paramref name="now"/>, capped at <see cref="MaxDelay"/>; null without one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };

        return wait is null ? null : TimeSpan.FromTicks(Math.Clamp(wait.Value.Ticks, 0, MaxDelay.Ticks));
    }
}
