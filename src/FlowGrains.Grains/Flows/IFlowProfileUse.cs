using Orleans.Concurrency;

namespace FlowGrains.Grains.Flows;

/// <summary>Implemented by the flow grain, for a connector profile that is about to be deleted.</summary>
public interface IFlowProfileUse : IGrainWithStringKey
{
    /// <summary>
    /// Whether the flow's definition, or a create or update it is carrying out, names the profile.
    /// Interleaves with the flow's own calls: a flow creating itself asks the profile grain to record it,
    /// and that grain may at that moment be asking this flow, inside a delete.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> UsesConnectorProfileAsync(string connectorProfileName);
}
