using System.Collections.Immutable;

namespace FlowGrains.Contracts.Connectors;

/// <summary>The connector types this cluster can run (describe-connectors); use key 0.</summary>
public interface IConnectorTypesGrain : IGrainWithIntegerKey
{
    /// <summary>Every registered connector type, sorted by name, or only those named in <paramref name="connectorTypes"/>.</summary>
    Task<ImmutableArray<ConnectorTypeDescription>> DescribeConnectorsAsync(ImmutableArray<string> connectorTypes);
}

/// <summary>
/// What one connector type supports. <see cref="EntityProperty"/> is the connector property that names the
/// entity a flow reads or writes (a table, a folder), or null when the type has none.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorTypeDescription")]
public sealed record ConnectorTypeDescription(
    [Id(0)] string ConnectorType,
    [Id(1)] bool CanUseAsSource,
    [Id(2)] bool CanUseAsDestination,
    [Id(3)] ImmutableArray<string> SupportedFileTypes,
    [Id(4)] ImmutableArray<string> SupportedWriteOperations,
    [Id(5)] string? EntityProperty = null);
