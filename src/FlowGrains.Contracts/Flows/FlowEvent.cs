namespace FlowGrains.Contracts.Flows;

/// <summary>
/// An event for an active Event flow: one run per event. <see cref="Payload"/> is the event's JSON text
/// (an object or an array of objects, at most 256 KiB); it is the run's input when the flow's source is
/// <c>EventPayload</c>. An <see cref="EventId"/> deduplicates the event for 8 hours, like a clientToken.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowEvent")]
public sealed record FlowEvent(
    [Id(0)] string Payload,
    [Id(1)] string? EventId = null)
{
    /// <summary>The largest payload accepted, in UTF-8 bytes.</summary>
    public const int MaxPayloadBytes = 256 * 1024;
}
