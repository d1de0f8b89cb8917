using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>Event flows run once per event; the event is the run's input through the EventPayload source.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventFlowTests(ClusterFixture fixture)
{
    private async Task<IFlowGrain> EventFlowAsync(bool activate = true)
    {
        var flow = fixture.Grains.GetFlowGrain(NewName("events"));
        await flow.CreateFlowAsync(Create(Definition(
            TriggerType.Event, source: new ConnectorConfig(EventPayloadConnector.TypeName, Map()))));
        if (activate)
        {
            await flow.StartFlowAsync(Start(null));
        }

        return flow;
    }

    [Fact]
    public async Task EachEvent_RunsOnce_WithTheEventAsItsRecords()
    {
        var flow = await EventFlowAsync();

        var run = await flow.SendEventAsync(new FlowEvent("[{\"order\":1},{\"order\":2}]"));
        await flow.SendEventAsync(new FlowEvent("{\"order\":3}"));

        await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Connector.Written.ContainsKey(run.ExecutionId!)), written => written, "the event's run to write");
        Assert.Equal([1, 2], fixture.Connector.Written[run.ExecutionId!].Select(r => r["order"]!.GetValue<int>()));
        Assert.Equal(2, (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Length);
    }

    [Fact]
    public async Task ARepeatedEventId_GetsTheFirstRun_AndStartsNothing()
    {
        var flow = await EventFlowAsync();

        var first = await flow.SendEventAsync(new FlowEvent("{\"order\":1}", "evt-1"));
        var again = await flow.SendEventAsync(new FlowEvent("{\"order\":1}", "evt-1"));
        fixture.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var later = await flow.SendEventAsync(new FlowEvent("{\"order\":1}", "evt-1"));

        Assert.Equal(first, again);
        Assert.NotEqual(first.ExecutionId, later.ExecutionId);
        Assert.Equal(2, (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Length);
    }

    [Fact]
    public async Task EventsForADraftOrSuspendedFlow_AreConflicts_AndNotQueued()
    {
        var draft = await EventFlowAsync(activate: false);
        var suspended = await EventFlowAsync();
        await suspended.StopFlowAsync();

        var draftError = await Assert.ThrowsAsync<FlowOperationException>(() => draft.SendEventAsync(new FlowEvent("{}")));
        var suspendedError = await Assert.ThrowsAsync<FlowOperationException>(() => suspended.SendEventAsync(new FlowEvent("{}")));
        await suspended.StartFlowAsync(Start(null));

        Assert.Equal(FlowErrorCode.Conflict, draftError.Code);
        Assert.Equal(FlowErrorCode.Conflict, suspendedError.Code);
        Assert.Empty((await suspended.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions);
    }

    [Fact]
    public async Task EventsForAnotherKindOfFlow_AreUnsupported()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.SendEventAsync(new FlowEvent("{}")));

        Assert.Equal(FlowErrorCode.UnsupportedOperation, error.Code);
    }

    [Theory]
    [InlineData("42", "body")]
    [InlineData("{not json", "body")]
    [InlineData("{\"a\":1,\"a\":2}", "body")]
    public async Task AnEventThatIsNotAJsonObjectOrArray_IsAValidationError(string payload, string field)
    {
        var flow = await EventFlowAsync();

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.SendEventAsync(new FlowEvent(payload)));

        FlowAssert.ValidationErrorNaming(field, error);
    }

    [Fact]
    public async Task AnArrayItemThatIsNotAnObject_FailsTheRunNamingIt()
    {
        var flow = await EventFlowAsync();

        await flow.SendEventAsync(new FlowEvent("[{\"a\":1}, 7]"));

        var record = (await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Error,
            "the run to fail")).FlowExecutions[0];
        Assert.Equal("Event item 1 is not a JSON object.", record.ExecutionResult.ErrorInfo!.ExecutionMessage);
    }
}
