namespace FlowGrains.Contracts.Flows;

/// <summary>The result of stopping a Scheduled or Event flow.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.StopFlowResult")]
public sealed record StopFlowResult(
    [Id(0)] string FlowArn,
    [Id(1)] FlowStatus FlowStatus);
