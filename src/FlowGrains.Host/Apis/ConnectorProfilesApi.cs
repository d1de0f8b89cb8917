using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Connectors;
using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>
/// AppFlow's connector profile operations and describe-connectors, at AppFlow's paths. Credentials go in
/// and never come out: describe answers carry properties only.
/// </summary>
internal static class ConnectorProfilesApi
{
    private const string Json = "application/json";
    private const int DefaultMaxResults = 20;

    public static IEndpointRouteBuilder MapConnectorProfilesApi(this IEndpointRouteBuilder app)
    {
        var profiles = app.MapGroup(string.Empty).WithTags("Connector profiles").ProducesEnvelopeErrors();

        profiles.MapPost("/create-connector-profile", CreateConnectorProfile).Accepts<CreateConnectorProfileBody>(Json).RequireRole(AccessRole.Admin);
        profiles.MapPost("/update-connector-profile", UpdateConnectorProfile).Accepts<UpdateConnectorProfileBody>(Json).RequireRole(AccessRole.Admin);
        profiles.MapPost("/describe-connector-profiles", DescribeConnectorProfiles).Accepts<DescribeConnectorProfilesBody>(Json).RequireRole(AccessRole.Reader);
        profiles.MapPost("/delete-connector-profile", DeleteConnectorProfile).Accepts<DeleteConnectorProfileBody>(Json).RequireRole(AccessRole.Admin);
        profiles.MapPost("/describe-connectors", DescribeConnectors).Accepts<DescribeConnectorsBody>(Json).RequireRole(AccessRole.Reader);
        return app;
    }

    public static async Task<Ok<ApiEnvelope<ConnectorProfileArnData>>> CreateConnectorProfile(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await CreateConnectorProfileAsync(await RequestBody.ReadAsync<CreateConnectorProfileBody>(request), grains)));

    /// <summary>CreateConnectorProfile, whichever wire asked.</summary>
    public static async Task<ConnectorProfileArnData> CreateConnectorProfileAsync(CreateConnectorProfileBody body, IGrainFactory grains)
    {
        var profile = grains.GetGrain<IConnectorProfileGrain>(ConnectorProfileName.ToGrainKey(body.ConnectorProfileName));
        var result = await profile.CreateConnectorProfileAsync(body.ToContract());
        return new ConnectorProfileArnData(result.ConnectorProfileArn);
    }

    public static async Task<Ok<ApiEnvelope<ConnectorProfileArnData>>> UpdateConnectorProfile(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await UpdateConnectorProfileAsync(await RequestBody.ReadAsync<UpdateConnectorProfileBody>(request), grains)));

    /// <summary>
    /// UpdateConnectorProfile, whichever wire asked. A wire whose config is not keyed by the connector type maps it
    /// with <paramref name="configFor"/>, given the stored profile's type.
    /// </summary>
    public static async Task<ConnectorProfileArnData> UpdateConnectorProfileAsync(
        UpdateConnectorProfileBody body, IGrainFactory grains, Func<ConnectorProfileConfigBody?, string, ConnectorProfileConfigBody>? configFor = null)
    {
        var profile = grains.GetGrain<IConnectorProfileGrain>(ConnectorProfileName.ToGrainKey(body.ConnectorProfileName));

        // The body names properties under the connector type, which only the stored profile knows.
        var existing = await profile.DescribeConnectorProfileAsync()
            ?? throw new FlowOperationException(FlowErrorCode.NotFound, $"Connector profile '{body.ConnectorProfileName}' does not exist.");
        if (configFor is not null)
        {
            body.ConnectorProfileConfig = configFor(body.ConnectorProfileConfig, existing.ConnectorType);
        }

        var result = await profile.UpdateConnectorProfileAsync(body.ToContract(existing.ConnectorType));
        return new ConnectorProfileArnData(result.ConnectorProfileArn);
    }

    public static async Task<Ok<ApiEnvelope<DescribeConnectorProfilesData>>> DescribeConnectorProfiles(HttpRequest request, IGrainFactory grains)
    {
        var page = await DescribeConnectorProfilesAsync(await RequestBody.ReadAsync<DescribeConnectorProfilesBody>(request), grains);
        return TypedResults.Ok(ApiEnvelope.Ok(new DescribeConnectorProfilesData([.. page.ConnectorProfileDetails.Select(ToData)], page.NextToken)));
    }

    /// <summary>DescribeConnectorProfiles, whichever wire asked; each wire shapes the profiles its own way.</summary>
    public static async Task<ConnectorProfilesPage> DescribeConnectorProfilesAsync(DescribeConnectorProfilesBody body, IGrainFactory grains)
    {
        var names = body.ConnectorProfileNames ?? [];
        if (names.IndexOf(null!) is var nullIndex and >= 0)
        {
            throw FlowOperationException.Invalid($"connectorProfileNames[{nullIndex}]", "must be a string.");
        }

        return await grains.GetGrain<IConnectorProfileCatalogGrain>(0)
            .DescribeConnectorProfilesAsync([.. names], body.ConnectorType, body.MaxResults ?? DefaultMaxResults, body.NextToken);
    }

    public static async Task<Ok<ApiEnvelope<EmptyData>>> DeleteConnectorProfile(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await DeleteConnectorProfileAsync(await RequestBody.ReadAsync<DeleteConnectorProfileBody>(request), grains)));

    /// <summary>DeleteConnectorProfile, whichever wire asked.</summary>
    public static async Task<EmptyData> DeleteConnectorProfileAsync(DeleteConnectorProfileBody body, IGrainFactory grains)
    {
        await grains.GetGrain<IConnectorProfileGrain>(ConnectorProfileName.ToGrainKey(body.ConnectorProfileName)).DeleteConnectorProfileAsync(body.ForceDelete ?? false);
        return new EmptyData();
    }

    public static async Task<Ok<ApiEnvelope<DescribeConnectorsData>>> DescribeConnectors(HttpRequest request, IGrainFactory grains)
    {
        var described = await DescribeConnectorsAsync(await RequestBody.ReadAsync<DescribeConnectorsBody>(request), grains);
        return TypedResults.Ok(ApiEnvelope.Ok(new DescribeConnectorsData(
            described.ToImmutableSortedDictionary(d => d.ConnectorType, ToData, StringComparer.Ordinal))));
    }

    /// <summary>DescribeConnectors, whichever wire asked; each wire shapes the connector types its own way.</summary>
    public static async Task<ImmutableArray<ConnectorTypeDescription>> DescribeConnectorsAsync(DescribeConnectorsBody body, IGrainFactory grains)
    {
        var types = body.ConnectorTypes ?? [];
        if (types.IndexOf(null!) is var nullIndex and >= 0)
        {
            throw FlowOperationException.Invalid($"connectorTypes[{nullIndex}]", "must be a string.");
        }

        if (body.MaxResults is < 1 or > 100 || body.NextToken is not null)
        {
            throw FlowOperationException.Invalid(body.NextToken is null ? "maxResults" : "nextToken",
                body.NextToken is null ? "must be 1-100." : "describe-connectors answers in one page; no nextToken is ever issued.");
        }

        return await grains.GetGrain<IConnectorTypesGrain>(0).DescribeConnectorsAsync([.. types]);
    }

    private static ConnectorProfileData ToData(ConnectorProfileDetails profile) => new(
        profile.ConnectorProfileArn,
        profile.ConnectorProfileName,
        profile.ConnectorType,
        profile.ConnectionMode,
        new JsonObject { [profile.ConnectorType] = ConnectorPropertyPaths.Unflatten(profile.Properties) },
        profile.CreatedAt,
        profile.LastUpdatedAt);

    private static ConnectorConfigurationData ToData(ConnectorTypeDescription connector) => new(
        connector.CanUseAsSource, connector.CanUseAsDestination, connector.SupportedFileTypes, connector.SupportedWriteOperations);
}

/// <summary>The data of create- and update-connector-profile.</summary>
public sealed record ConnectorProfileArnData(string ConnectorProfileArn);

/// <summary>The data of /describe-connector-profiles.</summary>
public sealed record DescribeConnectorProfilesData(ImmutableArray<ConnectorProfileData> ConnectorProfileDetails, string? NextToken);

/// <summary>One profile as described: AppFlow's connectorProfileProperties, never the credentials.</summary>
public sealed record ConnectorProfileData(
    string ConnectorProfileArn,
    string ConnectorProfileName,
    string ConnectorType,
    string ConnectionMode,
    JsonObject ConnectorProfileProperties,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>The data of /describe-connectors: AppFlow's connectorConfigurations, by connector type.</summary>
public sealed record DescribeConnectorsData(ImmutableSortedDictionary<string, ConnectorConfigurationData> ConnectorConfigurations);

/// <summary>What one connector type supports.</summary>
public sealed record ConnectorConfigurationData(
    bool CanUseAsSource,
    bool CanUseAsDestination,
    ImmutableArray<string> SupportedFileTypes,
    ImmutableArray<string> SupportedWriteOperations);

/// <summary>An empty data object.</summary>
public sealed record EmptyData;
