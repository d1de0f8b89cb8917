using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>Tasks through the flow grain: rejected at create time, and run over LocalFolder files.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TaskFlowTests(ClusterFixture fixture)
{
    private static FlowTask Task(string type, string[] fields, string? op = null, string? destination = null, params (string, string)[] properties) =>
        new(type, [.. fields], op is null ? Map() : Map(("LocalFolder", op)), destination, Map(properties));

    private async Task<(IFlowGrain Flow, string Folder)> CreateFolderFlowAsync(string inputLines, params FlowTask[] tasks)
    {
        var name = NewName();
        Directory.CreateDirectory(Path.Combine(fixture.DataRoot, name, "in"));
        await File.WriteAllTextAsync(Path.Combine(fixture.DataRoot, name, "in", "people.jsonl"), inputLines);
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(
            source: new ConnectorConfig("LocalFolder", Map(("path", $"{name}/in"), ("fileType", "JSON"))),
            destination: new ConnectorConfig("LocalFolder", Map(("path", $"{name}/out"), ("fileType", "JSON"))),
            tasks: [.. tasks])));
        return (flow, Path.Combine(fixture.DataRoot, name, "out"));
    }

    private static async Task<ExecutionRecord> RunToEndAsync(IFlowGrain flow)
    {
        await flow.StartFlowAsync(Start(null));
        return (await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus is not ExecutionStatus.InProgress,
            "the run to end")).FlowExecutions[0];
    }

    [Fact]
    public async Task CreateFlow_WithATaskValueThatDoesNotParse_IsValidationErrorNamingTheProperty()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        var tasks = new[]
        {
            Task("Map_all", []),
            Task("Filter", ["age"], "GREATER_THAN", properties: [("DATA_TYPE", "integer"), ("VALUE", "abc")]),
        };

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(Definition(tasks: [.. tasks]))));

        FlowAssert.ValidationErrorNaming("tasks[1].taskProperties.VALUE", error);
        Assert.Equal("tasks[1].taskProperties.VALUE: 'abc' is not a value of type integer.", error.Message);
        Assert.Null(await flow.GetSummaryAsync());
    }

    [Fact]
    public async Task Run_WithATerminateFlowValidation_EndsAsErrorNamingTheFailingRecordAndField()
    {
        var (flow, _) = await CreateFolderFlowAsync(
            "{\"id\":1,\"email\":\"a@x\"}\n{\"id\":2,\"email\":\"b@x\"}\n{\"id\":3,\"email\":null}\n{\"id\":4}\n",
            Task("Filter", ["id"], "PROJECTION"),
            Task("Truncate", ["email"], properties: ("TRUNCATE_LENGTH", "1")),
            Task("Validate", ["email"], "VALIDATE_NON_NULL", properties: ("VALIDATION_ACTION", "TerminateFlow")));

        var record = await RunToEndAsync(flow);

        Assert.Equal(ExecutionStatus.Error, record.ExecutionStatus);
        Assert.Equal(
            "Validate task tasks[2] (VALIDATE_NON_NULL) failed on record 3, field 'email'. The run stopped after reading 4 records.",
            record.ExecutionResult!.ErrorInfo!.ExecutionMessage);
    }

    [Fact]
    public async Task Run_WithFiltersAndTransforms_WritesOnlyTheRecordsThatPass_AsTheTasksShapeThem()
    {
        var (flow, folder) = await CreateFolderFlowAsync(
            "{\"first\":\"ann\",\"last\":\"lee\",\"age\":\"34\",\"card\":\"4111222233334444\"}\n"
            + "{\"first\":\"bo\",\"last\":\"ng\",\"age\":\"17\",\"card\":\"5555\"}\n"
            + "{\"first\":\"cy\",\"last\":\"oh\",\"age\":null,\"card\":\"6666\"}\n",
            Task("Filter", ["age"], "GREATER_THAN_OR_EQUAL_TO", properties: [("DATA_TYPE", "integer"), ("VALUE", "18")]),
            Task("Mask", ["card"], "MASK_FIRST_N", properties: ("MASK_LENGTH", "12")),
            Task("Merge", ["first", "last"], "NO_OP", "name", ("CONCAT_FORMAT", "${first} ${last}")),
            Task("Map", ["age"], "NO_OP", "age", ("SOURCE_DATA_TYPE", "string"), ("DESTINATION_DATA_TYPE", "integer")),
            Task("Passthrough", ["card"]));

        var record = await RunToEndAsync(flow);

        Assert.Equal(ExecutionStatus.Successful, record.ExecutionStatus);
        Assert.Equal(3, record.ExecutionResult!.RecordsProcessed);
        Assert.Equal(
            "{\"name\":\"ann lee\",\"age\":34,\"card\":\"************4444\"}\n",
            await File.ReadAllTextAsync(Path.Combine(folder, $"{record.ExecutionId}.jsonl")));
    }
}
