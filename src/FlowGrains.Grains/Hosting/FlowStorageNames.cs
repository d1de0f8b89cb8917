namespace FlowGrains.Grains.Hosting;

/// <summary>The names of the storage providers and state entries the grains use.</summary>
public static class FlowStorageNames
{
    /// <summary>The grain-storage provider holding flows, the flow index, connector profiles and access keys (tokens and runs are in the flow ledger).</summary>
    public const string Provider = "flows";

    /// <summary>The state name of a flow's definition and status.</summary>
    public const string FlowState = "flow";

    /// <summary>The state name of one flow-index partition.</summary>
    public const string IndexState = "index";

    /// <summary>The state name of a connector profile.</summary>
    public const string ConnectorProfileState = "connectorprofile";

    /// <summary>The state name of the connector profile index.</summary>
    public const string ConnectorProfileIndexState = "connectorprofileindex";

    /// <summary>The state name of the access keys created on the running cluster.</summary>
    public const string AccessKeyRegistryState = "accesskeys";
}
