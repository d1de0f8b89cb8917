using FlowGrains.Connectors;
using FlowGrains.Errors;

namespace FlowGrains.DataPlane.Connectors;

/// <summary>The connector types registered in this silo, by name (case-sensitive, as AppFlow's are).</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IFlowConnector> _connectors;

    /// <summary>Builds the registry; two connectors with the same type name are a configuration error.</summary>
    public ConnectorRegistry(IEnumerable<IFlowConnector> connectors)
    {
        _connectors = new Dictionary<string, IFlowConnector>(StringComparer.Ordinal);
        foreach (var connector in connectors)
        {
            if (!_connectors.TryAdd(connector.ConnectorType, connector))
            {
                throw new InvalidOperationException($"Connector type '{connector.ConnectorType}' is registered twice.");
            }
        }
    }

    /// <summary>The registered type names, sorted.</summary>
    public IReadOnlyList<string> ConnectorTypes => [.. _connectors.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The connector for <paramref name="connectorType"/> in any role, or a validation error naming <paramref name="fieldPath"/>.</summary>
    public IFlowConnector Find(string connectorType, string fieldPath) =>
        _connectors.TryGetValue(connectorType, out var connector)
            ? connector
            : throw FlowOperationException.Invalid(fieldPath, $"unknown connector type '{connectorType}' (available: {string.Join(", ", ConnectorTypes)}).");

    /// <summary>The connector for <paramref name="connectorType"/>, or null when this silo has none of that type.</summary>
    public IFlowConnector? TryFind(string connectorType) => _connectors.GetValueOrDefault(connectorType);

    /// <summary>The connector for <paramref name="connectorType"/> in <paramref name="role"/>, or a validation error naming <paramref name="fieldPath"/>.</summary>
    public IFlowConnector Resolve(string connectorType, ConnectorRole role, string fieldPath)
    {
        var connector = Find(connectorType, fieldPath);
        var supported = role == ConnectorRole.Source ? connector.CanRead : connector.CanWrite;
        if (!supported)
        {
            throw FlowOperationException.Invalid(
                fieldPath,
                $"connector type '{connectorType}' cannot be used as a {role.ToString().ToLowerInvariant()}.");
        }

        return connector;
    }
}
