using System.Collections.Immutable;
using FlowGrains.Contracts.Connectors;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Apis.Responses;
using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>
/// AppFlow's list-connector-entities and describe-connector-entity. Each is an operation on a parsed body
/// (<see cref="ListAsync"/>, <see cref="DescribeAsync"/>), which any wire protocol can call, and a thin
/// envelope handler around it.
/// </summary>
internal static class ConnectorEntitiesApi
{
    private const string Json = "application/json";
    private const int DefaultMaxResults = 20;

    public static IEndpointRouteBuilder MapConnectorEntitiesApi(this IEndpointRouteBuilder app)
    {
        var entities = app.MapGroup(string.Empty).WithTags("Connector entities").ProducesEnvelopeErrors();

        entities.MapPost("/list-connector-entities", ListConnectorEntities).Accepts<ListConnectorEntitiesBody>(Json).RequireRole(AccessRole.Reader);
        entities.MapPost("/describe-connector-entity", DescribeConnectorEntity).Accepts<DescribeConnectorEntityBody>(Json).RequireRole(AccessRole.Reader);
        return app;
    }

    public static async Task<Ok<ApiEnvelope<ListConnectorEntitiesData>>> ListConnectorEntities(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await ListAsync(await RequestBody.ReadAsync<ListConnectorEntitiesBody>(request), grains)));

    public static async Task<Ok<ApiEnvelope<DescribeConnectorEntityData>>> DescribeConnectorEntity(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await DescribeAsync(await RequestBody.ReadAsync<DescribeConnectorEntityBody>(request), grains)));

    /// <summary>list-connector-entities: the entities at the body's entitiesPath, grouped under that path.</summary>
    public static async Task<ListConnectorEntitiesData> ListAsync(ListConnectorEntitiesBody body, IGrainFactory grains)
    {
        var page = await grains.GetGrain<IConnectorEntitiesGrain>(0).ListConnectorEntitiesAsync(
            body.ConnectorType, body.ConnectorProfileName, body.EntitiesPath, body.MaxResults ?? DefaultMaxResults, body.NextToken);
        var entities = page.Entities.Select(entity => new ConnectorEntityData(entity.Name, entity.Label, entity.HasNestedEntities)).ToImmutableArray();
        return new ListConnectorEntitiesData(
            ImmutableSortedDictionary.Create<string, ImmutableArray<ConnectorEntityData>>(StringComparer.Ordinal).Add(body.EntitiesPath ?? string.Empty, entities),
            page.NextToken);
    }

    /// <summary>describe-connector-entity: the fields of the body's connectorEntityName.</summary>
    public static async Task<DescribeConnectorEntityData> DescribeAsync(DescribeConnectorEntityBody body, IGrainFactory grains)
    {
        var fields = await grains.GetGrain<IConnectorEntitiesGrain>(0).DescribeConnectorEntityAsync(
            body.ConnectorEntityName ?? string.Empty, body.ConnectorType, body.ConnectorProfileName);
        return new DescribeConnectorEntityData([.. fields.Select(ToData)]);
    }

    private static ConnectorEntityFieldData ToData(ConnectorEntityField field) => new(
        field.Identifier,
        field.Label,
        field.IsPrimaryKey,
        new SupportedFieldTypeDetailsData(new FieldTypeDetailsData(field.FieldType, [])),
        field.CustomProperties.IsEmpty ? null : field.CustomProperties);
}
