using System.Collections.Immutable;
using FlowGrains.Contracts.Connectors;
using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// DescribeConnectors, DescribeConnector and ListConnectors on the AWS wire. A type AppFlow's model knows (S3)
/// is described under its own name; every other FlowGrains type, built-in or plug-in, as a CustomConnector
/// whose connectorLabel is the type.
/// </summary>
internal static class AwsConnectorsApi
{
    private const string Owner = "FlowGrains";
    private static readonly ImmutableArray<string> TriggerTypes = ["OnDemand", "Scheduled", "Event"];

    public static RouteGroupBuilder MapAwsConnectors(this RouteGroupBuilder aws)
    {
        aws.MapPost("/describe-connectors", DescribeConnectors).RequireRole(AccessRole.Reader);
        aws.MapPost("/describe-connector", DescribeConnector).RequireRole(AccessRole.Reader);
        aws.MapPost("/list-connectors", ListConnectors).RequireRole(AccessRole.Reader);
        return aws;
    }

    public static async Task<IResult> DescribeConnectors(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<DescribeConnectorsBody>(request);
        var asked = body.ConnectorTypes ?? [];
        var all = await ConnectorProfilesApi.DescribeConnectorsAsync(new DescribeConnectorsBody { MaxResults = body.MaxResults, NextToken = body.NextToken }, grains);
        var described = asked.Count == 0
            ? all
            : [.. all.Where(type => asked.Contains(type.ConnectorType) || (asked.Contains(AwsConnectorTypes.Custom) && !AwsConnectorTypes.InModel(type.ConnectorType)))];
        return AwsRequest.Ok(new AwsDescribeConnectorsResponse(
            described.Where(type => AwsConnectorTypes.InModel(type.ConnectorType))
                .ToImmutableSortedDictionary(type => type.ConnectorType, Configuration, StringComparer.Ordinal),
            [.. described.Select(Detail)]));
    }

    public static async Task<IResult> DescribeConnector(HttpRequest request, AwsConnectorTypes types)
    {
        var body = await AwsRequest.ReadAsync<AwsDescribeConnectorBody>(request);
        var name = body.ConnectorType == AwsConnectorTypes.Custom
            ? body.ConnectorLabel ?? throw FlowOperationException.Invalid("connectorLabel", $"is required with connectorType {AwsConnectorTypes.Custom}.")
            : body.ConnectorType ?? throw FlowOperationException.Invalid("connectorType", "is required.");
        var type = await types.FindAsync(name)
            ?? throw new FlowOperationException(FlowErrorCode.NotFound, $"No connector type '{name}' is registered.");
        return AwsRequest.Ok(new AwsDescribeConnectorResponse(Configuration(type)));
    }

    public static async Task<IResult> ListConnectors(HttpRequest request, AwsConnectorTypes types)
    {
        var body = await AwsRequest.ReadAsync<AwsListConnectorsBody>(request);
        if (body.MaxResults is < 1 or > 100 || body.NextToken is not null)
        {
            throw FlowOperationException.Invalid(body.NextToken is null ? "maxResults" : "nextToken",
                body.NextToken is null ? "must be 1-100." : "list-connectors answers in one page; no nextToken is ever issued.");
        }

        var all = (await types.AllAsync()).OrderBy(type => type.ConnectorType, StringComparer.Ordinal);
        return AwsRequest.Ok(new AwsListConnectorsResponse([.. all.Take(body.MaxResults ?? 100).Select(Detail)]));
    }

    private static AwsConnectorConfiguration Configuration(ConnectorTypeDescription type) => new(
        type.CanUseAsSource,
        type.CanUseAsDestination,
        TriggerTypes,
        type.SupportedWriteOperations,
        AwsConnectorTypes.OnWire(type.ConnectorType),
        AwsConnectorTypes.LabelOnWire(type.ConnectorType),
        type.ConnectorType,
        Owner,
        Description(type),
        Modes(type));

    private static AwsConnectorDetail Detail(ConnectorTypeDescription type) => new(
        AwsConnectorTypes.OnWire(type.ConnectorType),
        AwsConnectorTypes.LabelOnWire(type.ConnectorType),
        type.ConnectorType,
        Owner,
        Description(type),
        Owner,
        Modes(type));

    private static string Description(ConnectorTypeDescription type) =>
        type.SupportedFileTypes.IsDefaultOrEmpty
            ? $"FlowGrains connector {type.ConnectorType}."
            : $"FlowGrains connector {type.ConnectorType}; file types {string.Join(", ", type.SupportedFileTypes)}.";

    private static ImmutableArray<string> Modes(ConnectorTypeDescription type) =>
        [.. new[] { type.CanUseAsSource ? "SOURCE" : null, type.CanUseAsDestination ? "DESTINATION" : null }.OfType<string>()];
}
