using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>
/// Starts a flow (start-flow.md). With a <see cref="ClientToken"/> the call completes once: a retry
/// within 8 hours gets the first call's result and changes nothing. Without one, every call is new.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.StartFlowRequest")]
public sealed record StartFlowRequest(
    [Id(0)] string? ClientToken,
    [Id(1)] ImmutableSortedDictionary<string, string> Parameters)
{
    /// <summary>A request with no token and no parameters.</summary>
    public static StartFlowRequest Untokened { get; } = new(null, ImmutableSortedDictionary<string, string>.Empty);
}

/// <summary>
/// What a StartFlow call started. <see cref="Id"/> is the run's execution id for an OnDemand flow, or an
/// activation id for a Scheduled or Event flow (then <see cref="ExecutionId"/> is null).
/// <see cref="CreatedAt"/> is when the first call with this token was accepted.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.StartFlowResult")]
public sealed record StartFlowResult(
    [Id(0)] string Id,
    [Id(1)] DateTimeOffset CreatedAt,
    [Id(2)] string FlowName,
    [Id(3)] string FlowArn,
    [Id(4)] FlowStatus FlowStatus,
    [Id(5)] string? ExecutionId);
