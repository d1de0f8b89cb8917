using FlowGrains.Contracts.Executions;

namespace FlowGrains.DataPlane.Executions;

/// <summary>
/// How a run ended. <see cref="ResumeFrom"/> is set when a run of a source with an incremental-pull field
/// failed after some of its output was committed: the next incremental run can start there.
/// </summary>
public sealed record RunResult(ExecutionStatus Status, ExecutionResult Result, DateTimeOffset? ResumeFrom = null);
