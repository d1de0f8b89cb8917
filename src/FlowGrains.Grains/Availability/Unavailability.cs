using System.Data.Common;
using System.Net.Sockets;
using FlowGrains.Errors;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FlowGrains.Grains.Availability;

/// <summary>
/// Tells failures that pass by themselves (the database or a silo cannot be reached) from real errors,
/// so callers get a retryable 503 rather than a 500 for them.
/// </summary>
public static class Unavailability
{
    /// <summary>A caller-facing message for a transient outage; safe to show, as it names no internals.</summary>
    public const string Message = "The flow store is unavailable just now; nothing was lost, retry the request shortly.";

    /// <summary>
    /// Awaits <paramref name="operation"/>, turning a transient outage it meets into
    /// <see cref="FlowErrorCode.ServiceUnavailable"/>; every other error passes unchanged, a storage etag
    /// conflict included, since callers handle that one themselves.
    /// </summary>
    public static async Task GuardAsync(Task operation)
    {
        try
        {
            await operation;
        }
        catch (Exception exception) when (exception is not (FlowOperationException or InconsistentStateException) && IsTransient(exception))
        {
            throw new FlowOperationException(FlowErrorCode.ServiceUnavailable, Message);
        }
    }

    /// <summary>Whether <paramref name="exception"/> or anything it wraps is a transient outage.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }

            if (current is FlowOperationException { Code: FlowErrorCode.ServiceUnavailable })
            {
                return true;
            }

            if (current is DbException or SocketException or TimeoutException or SiloUnavailableException
                or OrleansMessageRejectionException)
            {
                return true;
            }

            // A database error that crossed silos without its own type still names it.
            if (current is UnavailableExceptionFallbackException fallback && fallback.ExceptionType?.Contains("Npgsql", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }
}
