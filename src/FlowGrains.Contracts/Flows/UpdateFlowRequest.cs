namespace FlowGrains.Contracts.Flows;

/// <summary>Replaces a flow's definition. A retry with the same <see cref="ClientToken"/> within 8 hours returns the first result.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.UpdateFlowRequest")]
public sealed record UpdateFlowRequest(
    [Id(0)] FlowDefinition Definition,
    [Id(1)] string? ClientToken = null);

/// <summary>The result of updating a flow.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.UpdateFlowResult")]
public sealed record UpdateFlowResult([Id(0)] FlowStatus FlowStatus);
