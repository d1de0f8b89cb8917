using System.Collections.Frozen;
using FlowGrains.Contracts.Connectors;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// Which connector types AppFlow's model knows (the rest travel as <c>CustomConnector</c> with a label), and what
/// this cluster's connector types are, read once from the cluster (every silo registers the same types).
/// </summary>
internal sealed class AwsConnectorTypes(IGrainFactory grains)
{
    public const string Custom = "CustomConnector";

    /// <summary>The customProperties key that names a FlowGrains connector type when no connector profile does.</summary>
    public const string LabelProperty = "connectorLabel";

    // AppFlow's ConnectorType enumeration, as its API model lists it.
    private static readonly FrozenSet<string> ModelTypes = FrozenSet.Create(StringComparer.Ordinal,
        "Salesforce", "Singular", "Slack", "Redshift", "S3", "Marketo", "Googleanalytics", "Zendesk", "Servicenow", "Datadog",
        "Trendmicro", "Snowflake", "Dynatrace", "Infornexus", "Amplitude", "Veeva", "EventBridge", "LookoutMetrics", "Upsolver",
        "Honeycode", "CustomerProfiles", "SAPOData", "CustomConnector", "Pardot");

    private Task<Dictionary<string, ConnectorTypeDescription>>? _registered;

    /// <summary>Whether AppFlow's model names <paramref name="connectorType"/>, so it travels as itself.</summary>
    public static bool InModel(string connectorType) => ModelTypes.Contains(connectorType);

    /// <summary>The type as the AWS wire shows it: itself when the model knows it, else CustomConnector.</summary>
    public static string OnWire(string connectorType) => InModel(connectorType) ? connectorType : Custom;

    /// <summary>The label the AWS wire gives a type that travels as CustomConnector, else null.</summary>
    public static string? LabelOnWire(string connectorType) => InModel(connectorType) ? null : connectorType;

    /// <summary>Every registered connector type.</summary>
    public async Task<IReadOnlyCollection<ConnectorTypeDescription>> AllAsync() => (await RegisteredAsync()).Values;

    /// <summary>The registered type <paramref name="connectorType"/>, or null.</summary>
    public async Task<ConnectorTypeDescription?> FindAsync(string connectorType) =>
        (await RegisteredAsync()).GetValueOrDefault(connectorType);

    // Read again after a failed read (the cluster was not ready), never after a good one.
    private Task<Dictionary<string, ConnectorTypeDescription>> RegisteredAsync()
    {
        var registered = _registered;
        if (registered is null || registered.IsFaulted || registered.IsCanceled)
        {
            _registered = registered = ReadAsync();
        }

        return registered;
    }

    private async Task<Dictionary<string, ConnectorTypeDescription>> ReadAsync() =>
        (await grains.GetGrain<IConnectorTypesGrain>(0).DescribeConnectorsAsync([])).ToDictionary(d => d.ConnectorType, StringComparer.Ordinal);
}
