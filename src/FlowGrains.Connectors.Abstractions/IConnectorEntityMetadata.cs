using System.Collections.Immutable;

namespace FlowGrains.Connectors;

/// <summary>
/// Optional, beside <see cref="IFlowConnector"/>: a connector that can tell which entities (tables, folders,
/// prefixes) it offers and what fields they have, for list-connector-entities and describe-connector-entity.
/// Connectors without it answer those operations with UnsupportedOperation.
/// <para>
/// Failures: an entity or path that does not exist is a <see cref="FlowOperationException"/>
/// (NotFound), a malformed one a validation error; the data store failing is a <see cref="ConnectorException"/>
/// whose message names the endpoint and never a secret.
/// </para>
/// </summary>
public interface IConnectorEntityMetadata
{
    /// <summary>
    /// At most <paramref name="maxResults"/> entities at <paramref name="entitiesPath"/> (the top level when null
    /// or empty), in a stable order. <paramref name="nextToken"/> is the <see cref="ConnectorEntityPage.NextToken"/>
    /// of the previous page exactly as this connector returned it: the caller signs it before handing it out, so
    /// the connector may put a plain position (such as the last name) in it.
    /// </summary>
    ValueTask<ConnectorEntityPage> ListEntitiesAsync(
        string? entitiesPath, ConnectorProfileSettings? profile, int maxResults, string? nextToken, CancellationToken cancellationToken);

    /// <summary>The fields of <paramref name="entityName"/> (a name this connector listed), in the entity's order.</summary>
    ValueTask<ImmutableArray<ConnectorEntityField>> DescribeEntityAsync(
        string entityName, ConnectorProfileSettings? profile, CancellationToken cancellationToken);
}
