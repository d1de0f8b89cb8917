using FlowGrains.Contracts.Flows;

namespace FlowGrains.DataPlane.Executions;

/// <summary>
/// What <see cref="FlowRunner"/> runs: the flow's definition as the run started with it, the run's parameters, the
/// event that triggered it (Event flows) and the range of data it pulls (<see cref="DataPullStart"/> null for
/// everything up to <see cref="DataPullEnd"/>). Plain inputs: the grains keep and store their own record of the run.
/// </summary>
public sealed record FlowRun(
    string FlowName,
    string ExecutionId,
    FlowDefinition Definition,
    IReadOnlyDictionary<string, string> Parameters,
    string? EventPayload = null,
    DateTimeOffset? DataPullStart = null,
    DateTimeOffset? DataPullEnd = null);
