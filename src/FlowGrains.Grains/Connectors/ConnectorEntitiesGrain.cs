using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Connectors;
using ConnectorEntityField = FlowGrains.Contracts.Connectors.ConnectorEntityField;
using ConnectorEntityPage = FlowGrains.Contracts.Connectors.ConnectorEntityPage;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Paging;
using Orleans.Concurrency;

namespace FlowGrains.Grains.Connectors;

/// <summary>
/// list-connector-entities and describe-connector-entity, asked of the connector on whichever silo takes the
/// call (every silo registers the same types). The connector's page positions reach callers only signed.
/// </summary>
[StatelessWorker]
public sealed class ConnectorEntitiesGrain(ConnectorRegistry connectors, ConnectorProfileResolver profiles, PageTokenCodec pageTokens)
    : Grain, IConnectorEntitiesGrain
{
    private const int MaxResultsLimit = 10_000;

    /// <inheritdoc />
    public async Task<ConnectorEntityPage> ListConnectorEntitiesAsync(
        string? connectorType, string? connectorProfileName, string? entitiesPath, int maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > MaxResultsLimit)
        {
            throw FlowOperationException.Invalid("maxResults", $"must be 1-{MaxResultsLimit}.");
        }

        if (entitiesPath?.Length > IConnectorEntitiesGrain.MaxEntitiesPathLength)
        {
            throw FlowOperationException.Invalid("entitiesPath", $"must be at most {IConnectorEntitiesGrain.MaxEntitiesPathLength} characters.");
        }

        var path = string.IsNullOrEmpty(entitiesPath) ? null : entitiesPath;
        var (type, metadata, profile) = await TargetAsync(connectorType, connectorProfileName);

        // A token names the listing it continues, so it cannot be replayed against another path or profile.
        var scope = string.Join('\0', "connector-entities", type, connectorProfileName ?? string.Empty, path ?? string.Empty);
        var position = nextToken is null ? null : pageTokens.Decode(scope, nextToken);
        var page = await AskAsync(() => metadata.ListEntitiesAsync(path, profile, maxResults, position, CancellationToken.None));
        return new ConnectorEntityPage(
            page.Entities.Select(EntityContracts.ToContract).ToImmutableArray(),
            page.NextToken is { } next ? pageTokens.Encode(scope, next) : null);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ConnectorEntityField>> DescribeConnectorEntityAsync(
        string entityName, string? connectorType, string? connectorProfileName)
    {
        if (string.IsNullOrEmpty(entityName))
        {
            throw FlowOperationException.Invalid("connectorEntityName", "is required.");
        }

        if (entityName.Length > IConnectorEntitiesGrain.MaxEntityNameLength)
        {
            throw FlowOperationException.Invalid("connectorEntityName", $"must be at most {IConnectorEntitiesGrain.MaxEntityNameLength} characters.");
        }

        var (_, metadata, profile) = await TargetAsync(connectorType, connectorProfileName);
        var fields = await AskAsync(() => metadata.DescribeEntityAsync(entityName, profile, CancellationToken.None));
        return fields.Select(EntityContracts.ToContract).ToImmutableArray();
    }

    private async Task<(string Type, IConnectorEntityMetadata Metadata, ConnectorProfileSettings? Profile)> TargetAsync(
        string? connectorType, string? connectorProfileName)
    {
        ConnectorProfileSettings? profile = null;
        if (connectorProfileName is not null)
        {
            ConnectorProfileName.ToGrainKey(connectorProfileName);
            (var profileType, profile) = await profiles.OpenAsync(connectorProfileName, rule => FlowOperationException.Invalid("connectorProfileName", rule))
                ?? throw new FlowOperationException(FlowErrorCode.NotFound, $"Connector profile '{connectorProfileName}' does not exist.");
            if (connectorType is not null && connectorType != profileType)
            {
                throw FlowOperationException.Invalid(
                    "connectorType", $"connector profile '{connectorProfileName}' is for connector type '{profileType}', not '{connectorType}'.");
            }

            connectorType = profileType;
        }
        else if (string.IsNullOrEmpty(connectorType))
        {
            throw FlowOperationException.Invalid("connectorType", "is required when no connectorProfileName is given.");
        }

        return connectors.Find(connectorType, "connectorType") is IConnectorEntityMetadata metadata
            ? (connectorType, metadata, profile)
            : throw new FlowOperationException(FlowErrorCode.UnsupportedOperation, $"Connector type '{connectorType}' has no entity metadata.");
    }

    // A ConnectorException does not cross grain calls; its message is written to be shown, so it goes out as the error.
    private static async Task<T> AskAsync<T>(Func<ValueTask<T>> ask)
    {
        try
        {
            return await ask();
        }
        catch (ConnectorException exception)
        {
            throw new FlowOperationException(FlowErrorCode.ValidationError, exception.Message);
        }
    }
}
