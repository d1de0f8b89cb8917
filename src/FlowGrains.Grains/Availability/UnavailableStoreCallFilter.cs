using FlowGrains.Errors;

namespace FlowGrains.Grains.Availability;

/// <summary>
/// Turns a transient outage met inside a flow-grain call into <see cref="FlowErrorCode.ServiceUnavailable"/>,
/// so every caller, over HTTP or co-hosted, sees one retryable error whatever the provider threw.
/// </summary>
internal sealed class UnavailableStoreCallFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) => Unavailability.GuardAsync(context.Invoke());
}
