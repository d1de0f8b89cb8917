using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>Creates a flow. A retry with the same <see cref="ClientToken"/> within 8 hours returns the first result.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.CreateFlowRequest")]
public sealed record CreateFlowRequest(
    [Id(0)] FlowDefinition Definition,
    [Id(1)] ImmutableSortedDictionary<string, string> Tags,
    [Id(2)] string? ClientToken = null);

/// <summary>The result of creating a flow.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.CreateFlowResult")]
public sealed record CreateFlowResult(
    [Id(0)] string FlowArn,
    [Id(1)] FlowStatus FlowStatus);
