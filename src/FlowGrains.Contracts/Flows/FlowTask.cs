using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>One task of a flow, in AppFlow's shape.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowTask")]
public sealed record FlowTask(
    [Id(0)] string TaskType,
    [Id(1)] ImmutableArray<string> SourceFields,
    [Id(2)] ImmutableSortedDictionary<string, string> ConnectorOperator,
    [Id(3)] string? DestinationField,
    [Id(4)] ImmutableSortedDictionary<string, string> TaskProperties);
