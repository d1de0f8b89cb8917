namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A task stopped the run on purpose: a Validate task with VALIDATION_ACTION TerminateFlow saw a record fail,
/// or a Map task could not convert a value to its DESTINATION_DATA_TYPE. The message names the task, the
/// record (its 1-based position in the run) and the field; the run ends as Error with that message.
/// </summary>
public sealed class TaskTerminatedFlowException(string message) : Exception(message);
