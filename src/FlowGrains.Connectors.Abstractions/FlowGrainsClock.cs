namespace FlowGrains.Connectors;

/// <summary>
/// The service key of the clock the flow grains read (token lifetimes, run timestamps). It is keyed so
/// tests can move flow time without moving the clocks Orleans itself runs on.
/// </summary>
public static class FlowGrainsClock
{
    /// <summary>Register a <see cref="TimeProvider"/> under this key to replace the flow grains' clock.</summary>
    public const string ServiceKey = "FlowGrains";
}
