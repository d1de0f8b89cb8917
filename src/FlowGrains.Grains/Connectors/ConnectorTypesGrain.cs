using System.Collections.Immutable;
using FlowGrains.Contracts.Connectors;
using FlowGrains.DataPlane.Connectors;
using Orleans.Concurrency;

namespace FlowGrains.Grains.Connectors;

/// <summary>describe-connectors, answered from this silo's registry (every silo registers the same types).</summary>
[StatelessWorker]
public sealed class ConnectorTypesGrain(ConnectorRegistry connectors) : Grain, IConnectorTypesGrain
{
    /// <inheritdoc />
    public Task<ImmutableArray<ConnectorTypeDescription>> DescribeConnectorsAsync(ImmutableArray<string> connectorTypes)
    {
        var wanted = connectorTypes.IsDefaultOrEmpty ? null : connectorTypes.ToHashSet(StringComparer.Ordinal);
        var described = connectors.ConnectorTypes
            .Where(type => wanted is null || wanted.Contains(type))
            .Select(type =>
            {
                var capabilities = connectors.Find(type, "connectorTypes").Capabilities;
                return new ConnectorTypeDescription(type, capabilities.Source, capabilities.Destination, capabilities.FileTypes, capabilities.WriteOperations, capabilities.EntityProperty);
            });
        return Task.FromResult(described.ToImmutableArray());
    }
}
