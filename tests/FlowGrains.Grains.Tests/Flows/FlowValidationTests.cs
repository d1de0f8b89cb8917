using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>Every create-time rule, each broken on purpose; the message must name the field.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FlowValidationTests(ClusterFixture fixture)
{
    private static ConnectorConfig Folder(string path, string fileType = "CSV") =>
        new("LocalFolder", Map(("path", path), ("fileType", fileType)));

    private static FlowTask Task(string type, string[] fields, string? destination = null, (string, string)[]? op = null, (string, string)[]? props = null) =>
        new(type, [.. fields], Map(op ?? []), destination, Map(props ?? []));

    public static TheoryData<string, FlowDefinition> InvalidDefinitions => new()
    {
        { "description", Definition(description: new string('d', 2049)) },
        { "sourceFlowConfig.connectorType", Definition(source: new ConnectorConfig("Nope", Map())) },
        { "sourceFlowConfig.sourceConnectorProperties.LocalFolder.path", Definition(source: Folder("../outside")) },
        { "sourceFlowConfig.sourceConnectorProperties.LocalFolder.path", Definition(source: Folder("/etc")) },
        { "sourceFlowConfig.sourceConnectorProperties.LocalFolder.path", Definition(source: Folder("a\0b")) },
        { "sourceFlowConfig.sourceConnectorProperties.LocalFolder.fileType", Definition(source: Folder("in", "XML")) },
        { "destinationFlowConfigList[0].destinationConnectorProperties.LocalFolder.path", Definition(destination: Folder("a/../../b")) },
        { "tasks[0].taskType", Definition(tasks: [Task("Pivot", ["a", "b"])]) },
        { "tasks[0].sourceFields", Definition(tasks: [Task("Map", ["a", "b"], "c")]) },
        { "tasks[0].connectorOperator.Test", Definition(tasks: [Task("Filter", ["a"], op: [("Test", "LIKE")])]) },
        { "tasks[0].sourceFields", Definition(tasks: [Task("Map_all", ["a"])]) },
        { "tasks[0].taskProperties.EXCLUDE_SOURCE_FIELDS_LIST", Definition(tasks: [Task("Map_all", [], props: [("EXCLUDE_SOURCE_FIELDS_LIST", "a,b")])]) },
        { "triggerConfig.triggerProperties", new FlowDefinition(new TriggerConfig(TriggerType.OnDemand, new ScheduledTriggerProperties("rate(1minutes)")), TestConnector(), [TestConnector()], []) },
        { "triggerConfig.triggerProperties.Scheduled", new FlowDefinition(new TriggerConfig(TriggerType.Scheduled), TestConnector(), [TestConnector()], []) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("every minute")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("cron(0 10 * * * *)")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("rate(30 seconds)")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("cron(0 0 ? * 99999999999 *)")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("cron(0 0 ? * 1/99999999999 *)")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleExpression", Scheduled(new ScheduledTriggerProperties("cron(99999999999 0 * * ? *)")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleStartTime", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", ScheduleStartTime: DateTimeOffset.MaxValue.AddMinutes(-1), ScheduleOffset: 36000)) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleEndTime", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", ScheduleEndTime: DateTimeOffset.MinValue.AddDays(1))) },
        { "triggerConfig.triggerProperties.Scheduled.firstExecutionFrom", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", FirstExecutionFrom: new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero))) },
        { "triggerConfig.triggerProperties.Scheduled.timezone", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", Timezone: "Mars/Olympus")) },
        { "triggerConfig.triggerProperties.Scheduled.scheduleOffset", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", ScheduleOffset: 36001)) },
        { "triggerConfig.triggerProperties.Scheduled.dataPullMode", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", DataPullMode: "Sometimes")) },
        { "triggerConfig.triggerProperties.Scheduled.flowErrorDeactivationThreshold", Scheduled(new ScheduledTriggerProperties("rate(1minutes)", FlowErrorDeactivationThreshold: 0)) },
        { "destinationFlowConfigList", new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), TestConnector(), [], []) },
        { "sourceFlowConfig.connectorType", Definition(source: new ConnectorConfig("EventPayload", Map())) },
    };

    private static FlowDefinition Scheduled(ScheduledTriggerProperties properties) =>
        new(new TriggerConfig(TriggerType.Scheduled, properties), TestConnector(), [TestConnector()], []);

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task InvalidDefinition_IsValidationErrorNamingTheField(string field, FlowDefinition definition)
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(definition)));

        FlowAssert.ValidationErrorNaming(field, error);
        Assert.Null(await flow.GetSummaryAsync());
    }

    [Theory]
    [InlineData("aws:owner", "x", "tags.aws:owner")]
    [InlineData("", "x", "tags")]
    public async Task InvalidTags_AreValidationErrors(string key, string value, string field)
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        var request = new CreateFlowRequest(Definition(), Map((key, value)));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(request));

        FlowAssert.ValidationErrorNaming(field, error);
    }

    [Fact]
    public async Task FiftyOneTags_AreRejected_AndFiftyAccepted()
    {
        var fifty = Enumerable.Range(0, 50).ToImmutableSortedDictionary(i => $"k{i}", i => "v", StringComparer.Ordinal);
        var flow = fixture.Grains.GetFlowGrain(NewName());

        var error = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.CreateFlowAsync(new CreateFlowRequest(Definition(), fifty.Add("k50", "v"))));
        await flow.CreateFlowAsync(new CreateFlowRequest(Definition(), fifty));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal(50, (await flow.DescribeFlowAsync()).Tags.Count);
    }

    [Fact]
    public async Task RecordsWithMissingParts_FromDotNetCallers_AreValidationErrors()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());

        var parameters = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(new StartFlowRequest("t", null!)));
        var tags = await Assert.ThrowsAsync<FlowOperationException>(() => fixture.Grains.GetFlowGrain(NewName()).CreateFlowAsync(new CreateFlowRequest(Definition(), null!)));
        var tasks = await Assert.ThrowsAsync<FlowOperationException>(() => flow.UpdateFlowAsync(new UpdateFlowRequest(Definition() with { Tasks = default })));
        var nullProperty = await Assert.ThrowsAsync<FlowOperationException>(() => flow.UpdateFlowAsync(new UpdateFlowRequest(
            Definition(tasks: [new FlowTask("Map_all", [], Map(), null, Map(("EXCLUDE_SOURCE_FIELDS_LIST", null!)))]))));

        Assert.Equal("parameters", parameters.Message.Split(':')[0]);
        Assert.Equal("tags", tags.Message.Split(':')[0]);
        Assert.Equal("tasks", tasks.Message.Split(':')[0]);
        Assert.Equal("tasks[0].taskProperties.EXCLUDE_SOURCE_FIELDS_LIST", nullProperty.Message.Split(':')[0]);
        Assert.All(new[] { parameters, tags, tasks, nullProperty }, e => Assert.Equal(FlowErrorCode.ValidationError, e.Code));
    }

    [Fact]
    public async Task LocalFolderInsideTheDataRoot_IsAccepted()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());

        var created = await flow.CreateFlowAsync(Create(Definition(source: Folder("in/../in2"), destination: Folder("out", "JSON"))));

        Assert.Equal(FlowStatus.Active, created.FlowStatus);
    }
}
