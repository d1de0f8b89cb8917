namespace FlowGrains.Grains.Flows;

/// <summary>
/// A change of the flow's state made under a clientToken: the token's identity and the change's id, which
/// its stored token carries too. Written in the same write as the change, so whether that write happened
/// can be read back even when its outcome was lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.GuardedChange")]
public sealed record GuardedChange(
    [property: Id(0)] string Incarnation,
    [property: Id(1)] string Operation,
    [property: Id(2)] string TokenHash,
    [property: Id(3)] string ChangeId);
