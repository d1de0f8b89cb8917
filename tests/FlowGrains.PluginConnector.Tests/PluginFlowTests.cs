using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.PluginConnector.Sample;

namespace FlowGrains.PluginConnector.Tests;

/// <summary>A connector built against the connector API alone serves flows like a built-in one.</summary>
[Collection(PluginClusterCollection.Name)]
public sealed class PluginFlowTests(PluginClusterFixture fixture)
{
    private static ConnectorConfig Table(string table) =>
        new(SampleTableConnector.TypeName, ImmutableSortedDictionary<string, string>.Empty.Add(SampleTableConnector.TableProperty, table));

    private static CreateFlowRequest Create(ConnectorConfig source, ConnectorConfig destination) =>
        new(new FlowDefinition(new TriggerConfig(TriggerType.OnDemand, null), source, [destination], []), ImmutableSortedDictionary<string, string>.Empty, null);

    [Fact]
    public async Task PluginConnector_RunsAFlowFromOneOfItsTablesToAnother()
    {
        var input = $"in-{Guid.NewGuid():N}";
        var output = $"out-{Guid.NewGuid():N}";
        fixture.Tables.Append(input, [new JsonObject { ["id"] = 1, ["name"] = "ada" }, new JsonObject { ["id"] = 2, ["name"] = "grace" }]);
        var flow = fixture.Grains.GetFlowGrain($"plugin-{Guid.NewGuid():N}");

        await flow.CreateFlowAsync(Create(Table(input), Table(output)));
        await flow.StartFlowAsync(new StartFlowRequest(null, ImmutableSortedDictionary<string, string>.Empty));
        var page = await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions is [{ ExecutionStatus: not ExecutionStatus.InProgress }],
            "the plug-in flow's run to end");

        Assert.Equal(ExecutionStatus.Successful, page.FlowExecutions[0].ExecutionStatus);
        Assert.Equal(2, page.FlowExecutions[0].ExecutionResult.RecordsProcessed);
        Assert.Equal(["""{"id":1,"name":"ada"}""", """{"id":2,"name":"grace"}"""], fixture.Tables.Read(output).Select(row => row.ToJsonString()));
    }

    [Fact]
    public async Task PluginConnector_RefusedProperties_ReachTheCallerAsTheValidationErrorItThrew()
    {
        var flow = fixture.Grains.GetFlowGrain($"plugin-{Guid.NewGuid():N}");
        var noTable = new ConnectorConfig(SampleTableConnector.TypeName, ImmutableSortedDictionary<string, string>.Empty);

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(noTable, Table("out"))));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal("sourceFlowConfig.sourceConnectorProperties.SampleTable.table: is required.", error.Message);
    }
}
