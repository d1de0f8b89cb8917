using FlowGrains.Contracts.Flows;

namespace FlowGrains.Contracts;

/// <summary>How callers reach flows: the name is validated before it becomes a grain key.</summary>
public static class FlowGrainFactoryExtensions
{
    /// <summary>The grain of the flow called <paramref name="flowName"/>; throws a validation error for an invalid name.</summary>
    public static IFlowGrain GetFlowGrain(this IGrainFactory grainFactory, string? flowName) =>
        grainFactory.GetGrain<IFlowGrain>(FlowName.ToGrainKey(flowName));

    /// <summary>The flow catalog.</summary>
    public static IFlowCatalogGrain GetFlowCatalog(this IGrainFactory grainFactory) =>
        grainFactory.GetGrain<IFlowCatalogGrain>(0);
}
