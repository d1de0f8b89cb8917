using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

[Collection(ClusterCollection.Name)]
public sealed class FlowLifecycleTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(TriggerType.OnDemand, FlowStatus.Active)]
    [InlineData(TriggerType.Scheduled, FlowStatus.Draft)]
    [InlineData(TriggerType.Event, FlowStatus.Draft)]
    public async Task Create_SetsTheInitialStatusOfItsTriggerType(TriggerType triggerType, FlowStatus expected)
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);

        var created = await flow.CreateFlowAsync(Create(Definition(triggerType, description: "moves orders")));

        Assert.Equal(expected, created.FlowStatus);
        Assert.Equal($"arn:aws:appflow:local:000000000000:flow/{name}", created.FlowArn);
        var described = await flow.DescribeFlowAsync();
        Assert.Equal(name, described.FlowName);
        Assert.Equal("moves orders", described.Definition.Description);
        Assert.Equal(fixture.Time.GetUtcNow(), described.CreatedAt);
        Assert.Null(described.LastRunExecutionDetails);
    }

    [Fact]
    public async Task CreateExistingFlow_WithANewToken_IsConflict()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(clientToken: "other")));

        Assert.Equal(FlowErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task CreateRetry_WithSameToken_ReturnsFirstResult_AndMismatchIsAnError()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        var first = await flow.CreateFlowAsync(Create(clientToken: "create-1"));

        var retry = await flow.CreateFlowAsync(Create(clientToken: "create-1"));
        var mismatch = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.CreateFlowAsync(Create(Definition(description: "different"), clientToken: "create-1")));

        Assert.Equal(first, retry);
        Assert.Equal(FlowErrorCode.ClientTokenMismatch, mismatch.Code);
    }

    [Fact]
    public async Task Update_ReplacesTheDefinition_AndATriggerChangeResetsTheStatus()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var updated = await flow.UpdateFlowAsync(new UpdateFlowRequest(Definition(TriggerType.Event, description: "v2"), "update-1"));
        var retry = await flow.UpdateFlowAsync(new UpdateFlowRequest(Definition(TriggerType.Event, description: "v2"), "update-1"));
        var mismatch = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.UpdateFlowAsync(new UpdateFlowRequest(Definition(TriggerType.Event, description: "v3"), "update-1")));

        Assert.Equal(FlowStatus.Draft, updated.FlowStatus);
        Assert.Equal(updated, retry);
        Assert.Equal(FlowErrorCode.ClientTokenMismatch, mismatch.Code);
        var described = await flow.DescribeFlowAsync();
        Assert.Equal("v2", described.Definition.Description);
        Assert.Equal(TriggerType.Event, described.Definition.TriggerConfig.TriggerType);
        Assert.Equal(fixture.Time.GetUtcNow(), described.LastUpdatedAt);
    }

    [Fact]
    public async Task DescribeOrUpdateUnknownFlow_IsNotFound()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName("missing"));

        var describe = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DescribeFlowAsync());
        var update = await Assert.ThrowsAsync<FlowOperationException>(() => flow.UpdateFlowAsync(new UpdateFlowRequest(Definition())));
        var delete = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DeleteFlowAsync(false));

        Assert.All(new[] { describe, update, delete }, e => Assert.Equal(FlowErrorCode.NotFound, e.Code));
    }

    [Fact]
    public async Task Delete_WhileARunIsInProgress_IsConflict_UnlessForced()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(run.ExecutionId!);

        var refused = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DeleteFlowAsync(forceDelete: false));
        await flow.DeleteFlowAsync(forceDelete: true);

        Assert.Equal(FlowErrorCode.Conflict, refused.Code);
        var gone = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DescribeFlowAsync());
        Assert.Equal(FlowErrorCode.NotFound, gone.Code);
        Assert.Null(await flow.GetSummaryAsync());
    }

    [Fact]
    public async Task RecreatedFlow_StartsWithNoTokensAndNoHistory()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());
        var before = await flow.StartFlowAsync(Start("reused"));
        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the run to finish before the flow is deleted");
        await flow.DeleteFlowAsync(false);

        await flow.CreateFlowAsync(Create());
        var after = await flow.StartFlowAsync(Start("reused"));

        Assert.NotEqual(before.Id, after.Id);
        var records = await flow.DescribeFlowExecutionRecordsAsync(10, null);
        Assert.Equal(after.ExecutionId, Assert.Single(records.FlowExecutions).ExecutionId);
    }

    [Fact]
    public async Task CallingAGrainKeyedByAnInvalidName_IsValidationError()
    {
        var flow = fixture.Grains.GetGrain<IFlowGrain>("has space");

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create()));

        FlowAssert.ValidationErrorNaming("flowName", error);
        Assert.Null(await flow.GetSummaryAsync());
    }
}
