using System.Collections.Immutable;

namespace FlowGrains.Contracts.Connectors;

/// <summary>
/// AppFlow's list-connector-entities and describe-connector-entity; use key 0. A named connector profile
/// decides the connector type (a given <c>connectorType</c> must be the same); without a profile the
/// <c>connectorType</c> is required. Errors are <see cref="FlowGrains.Errors.FlowOperationException"/>s: an unknown profile or
/// entity is NotFound, a connector type without entity metadata UnsupportedOperation, a connector or database
/// failure a ValidationError whose message names the endpoint but never a secret.
/// </summary>
public interface IConnectorEntitiesGrain : IGrainWithIntegerKey
{
    /// <summary>The longest entitiesPath accepted, as AppFlow's EntitiesPath.</summary>
    const int MaxEntitiesPathLength = 256;

    /// <summary>The longest connectorEntityName accepted, as AppFlow's EntityName.</summary>
    const int MaxEntityNameLength = 1024;

    /// <summary>
    /// The entities at <paramref name="entitiesPath"/> (the top level when null or empty), at most
    /// <paramref name="maxResults"/> (1–10000) a page; <paramref name="nextToken"/> is one this listing issued.
    /// </summary>
    Task<ConnectorEntityPage> ListConnectorEntitiesAsync(
        string? connectorType, string? connectorProfileName, string? entitiesPath, int maxResults, string? nextToken);

    /// <summary>The fields of the entity <paramref name="entityName"/>, as a listing named it.</summary>
    Task<ImmutableArray<ConnectorEntityField>> DescribeConnectorEntityAsync(
        string entityName, string? connectorType, string? connectorProfileName);
}
