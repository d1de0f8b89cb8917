using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Host.Apis.Responses;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// Describes a flow on the AWS wire: a FlowGrains connector type that AppFlow's model does not know is shown as
/// <c>CustomConnector</c>, in the same form <see cref="AwsCustomConnectorIn"/> accepts, so describe returns what
/// create was given.
/// </summary>
internal sealed partial class AwsCustomConnectorOut(AwsConnectorTypes types)
{
    public async Task<DescribeFlowData> DescribeAsync(FlowDescription flow)
    {
        var data = flow.ToData();
        var definition = flow.Definition;
        var source = definition.Source;
        var destinations = new List<DestinationFlowConfigData>();
        foreach (var destination in definition.Destinations)
        {
            destinations.Add(new DestinationFlowConfigData(
                AwsConnectorTypes.OnWire(destination.ConnectorType), destination.ConnectorProfileName, await PropertiesAsync(destination, isDestination: true)));
        }

        return data with
        {
            SourceFlowConfig = data.SourceFlowConfig with
            {
                ConnectorType = AwsConnectorTypes.OnWire(source.ConnectorType),
                SourceConnectorProperties = await PropertiesAsync(source, isDestination: false),
            },
            DestinationFlowConfigList = [.. destinations],
            Tasks = [.. data.Tasks.Select(task => task with { ConnectorOperator = Operators(task.ConnectorOperator, source.ConnectorType) })],
        };
    }

    private async Task<JsonObject> PropertiesAsync(ConnectorConfig config, bool isDestination)
    {
        if (AwsConnectorTypes.InModel(config.ConnectorType))
        {
            return new JsonObject { [config.ConnectorType] = ConnectorPropertyPaths.Unflatten(config.Properties) };
        }

        var entityProperty = (await types.FindAsync(config.ConnectorType))?.EntityProperty;
        var custom = new JsonObject();
        var idFieldNames = new SortedDictionary<int, string>();
        string? writeOperationType = null;
        foreach (var (key, value) in config.Properties)
        {
            if (key == entityProperty)
            {
                continue;
            }

            if (isDestination && key == "writeOperationType")
            {
                writeOperationType = value;
            }
            else if (isDestination && IdFieldName().Match(key) is { Success: true } match)
            {
                idFieldNames[int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)] = value;
            }
            else
            {
                custom[key] = value;
            }
        }

        if (config.ConnectorProfileName is null)
        {
            custom[AwsConnectorTypes.LabelProperty] = config.ConnectorType;
        }

        var properties = new JsonObject
        {
            ["entityName"] = entityProperty is not null && config.Properties.TryGetValue(entityProperty, out var entity) ? entity : string.Empty,
        };
        if (custom.Count > 0)
        {
            properties["customProperties"] = custom;
        }

        if (writeOperationType is not null)
        {
            properties["writeOperationType"] = writeOperationType;
        }

        if (idFieldNames.Count > 0)
        {
            properties["idFieldNames"] = new JsonArray([.. idFieldNames.Values.Select(name => (JsonNode?)name)]);
        }

        return new JsonObject { [AwsConnectorTypes.Custom] = properties };
    }

    private static IReadOnlyDictionary<string, string> Operators(IReadOnlyDictionary<string, string> operators, string sourceType) =>
        AwsConnectorTypes.InModel(sourceType)
            ? operators
            : operators.ToDictionary(entry => entry.Key == sourceType ? AwsConnectorTypes.Custom : entry.Key, entry => entry.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^idFieldNames\[(\d{1,6})\]$")]
    private static partial Regex IdFieldName();
}
