namespace FlowGrains.Contracts.Flows;

/// <summary>The status of a flow, as AppFlow names it.</summary>
public enum FlowStatus
{
    /// <summary>Runs can start.</summary>
    Active,
    /// <summary>Created but not yet activated (Scheduled and Event flows).</summary>
    Draft,
    /// <summary>Stopped, or deactivated after repeated failures.</summary>
    Suspended,
    /// <summary>The flow is in an error state.</summary>
    Errored,
    /// <summary>The flow is deprecated.</summary>
    Deprecated,
    /// <summary>The flow has been deleted.</summary>
    Deleted,
}
