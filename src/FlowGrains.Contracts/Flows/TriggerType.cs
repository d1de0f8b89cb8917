namespace FlowGrains.Contracts.Flows;

/// <summary>How runs of a flow are started.</summary>
public enum TriggerType
{
    /// <summary>Each StartFlow call runs the flow once.</summary>
    OnDemand,
    /// <summary>Runs follow the flow's schedule while it is active.</summary>
    Scheduled,
    /// <summary>Runs follow incoming events while the flow is active.</summary>
    Event,
}
