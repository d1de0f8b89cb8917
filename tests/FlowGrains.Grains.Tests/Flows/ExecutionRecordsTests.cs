using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

[Collection(ClusterCollection.Name)]
public sealed class ExecutionRecordsTests(ClusterFixture fixture)
{
    private async Task<IFlowGrain> CreateAsync(params (string, string)[] sourceProperties)
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(sourceProperties))));
        return flow;
    }

    [Fact]
    public async Task Records_ArePagedNewestFirst_AcrossStoragePages()
    {
        var flow = await CreateAsync();
        var started = new List<string>();
        for (var i = 0; i < 130; i++)
        {
            started.Add((await flow.StartFlowAsync(Start(null))).ExecutionId!);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await flow.DescribeFlowExecutionRecordsAsync(40, token);
            seen.AddRange(page.FlowExecutions.Select(r => r.ExecutionId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        started.Reverse();
        Assert.Equal(started, seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task FinishedRun_RecordsItsCounts()
    {
        var flow = await CreateAsync(("records", "7"));

        var run = await flow.StartFlowAsync(Start(null));
        var record = (await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the run to succeed")).FlowExecutions[0];

        Assert.Equal(run.ExecutionId, record.ExecutionId);
        Assert.Equal(new ExecutionResult(7, 70, 7, null), record.ExecutionResult);
        var last = (await flow.DescribeFlowAsync()).LastRunExecutionDetails;
        Assert.Equal(ExecutionStatus.Successful, last!.MostRecentExecutionStatus);
    }

    [Fact]
    public async Task ARunningRun_ShowsItsCountsSoFar_OnceAProgressIntervalHasPassed()
    {
        var flow = await CreateAsync(("records", "4"), ("batches", "3"));
        var run = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync($"{run.ExecutionId}#2");

        fixture.Time.Advance(FlowRunner.ProgressInterval);
        fixture.Connector.OpenGate($"{run.ExecutionId}#2");
        var running = (await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionResult.RecordsProcessed > 0,
            "the running run to show progress")).FlowExecutions[0];
        fixture.Connector.OpenGate($"{run.ExecutionId}#3");
        var ended = (await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the run to succeed")).FlowExecutions[0];

        Assert.Equal(ExecutionStatus.InProgress, running.ExecutionStatus);
        Assert.Equal(new ExecutionResult(8, 80, 0, null), running.ExecutionResult);
        Assert.Equal(fixture.Time.GetUtcNow(), running.LastUpdatedAt);
        Assert.Equal(new ExecutionResult(12, 120, 12, null), ended.ExecutionResult);
    }

    [Fact]
    public async Task RunOutcomes_AreStoredBeforeTheFlowGrainDeactivates()
    {
        var flow = await CreateAsync();
        for (var i = 0; i < 30; i++)
        {
            await flow.StartFlowAsync(Start(null));
        }

        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(30, null),
            page => page.FlowExecutions.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
            "all 30 runs, across two pages, to succeed");
        await fixture.Cluster.DeactivateAsync(flow);

        var reloaded = await flow.DescribeFlowExecutionRecordsAsync(30, null);

        Assert.Equal(30, reloaded.FlowExecutions.Length);
        Assert.All(reloaded.FlowExecutions, r => Assert.Equal(ExecutionStatus.Successful, r.ExecutionStatus));
    }

    [Fact]
    public async Task ForgedOrForeignNextToken_IsRejected()
    {
        var flow = await CreateAsync();
        var other = await CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await flow.StartFlowAsync(Start(null));
            await other.StartFlowAsync(Start(null));
        }

        var otherToken = (await other.DescribeFlowExecutionRecordsAsync(1, null)).NextToken!;
        var ownToken = (await flow.DescribeFlowExecutionRecordsAsync(1, null)).NextToken!;
        var tampered = ownToken[..^2] + (ownToken[^2] == 'A' ? "B" : "A") + ownToken[^1];

        foreach (var token in new[] { otherToken, tampered, "not-a-token", "MTIz" })
        {
            var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DescribeFlowExecutionRecordsAsync(10, token));
            FlowAssert.ValidationErrorNaming("nextToken", error);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task MaxResultsOutOfRange_IsValidationError(int maxResults)
    {
        var flow = await CreateAsync();

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DescribeFlowExecutionRecordsAsync(maxResults, null));

        FlowAssert.ValidationErrorNaming("maxResults", error);
    }

    [Fact]
    public async Task Cancel_MovesARunningExecutionToCancelStartedThenCanceled()
    {
        var flow = await CreateAsync(("gate", "true"));
        var run = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(run.ExecutionId!);

        var result = await flow.CancelFlowExecutionsAsync([run.ExecutionId!, "no-such-run"]);

        Assert.Equal(new[] { "no-such-run" }, result.InvalidExecutions.ToArray());
        var final = await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Canceled,
            "the cancelled run to reach Canceled");
        Assert.False(fixture.Connector.Written.ContainsKey(run.ExecutionId!));
        var again = await flow.CancelFlowExecutionsAsync([run.ExecutionId!]);
        Assert.Equal(new[] { run.ExecutionId! }, again.InvalidExecutions.ToArray());
        Assert.Equal(ExecutionStatus.Canceled, final.FlowExecutions[0].ExecutionStatus);
    }

    [Fact]
    public async Task CancelWithNoIds_CancelsEveryRunningExecution_AndShowsCancelStartedUntilTheRunStops()
    {
        var flow = await CreateAsync(("gate", "ignore-cancel"));
        var first = await flow.StartFlowAsync(Start(null));
        var second = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(first.ExecutionId!);
        await fixture.Connector.WaitUntilStartedAsync(second.ExecutionId!);

        var result = await flow.CancelFlowExecutionsAsync([]);

        Assert.Empty(result.InvalidExecutions);
        var during = await flow.DescribeFlowExecutionRecordsAsync(10, null);
        Assert.All(during.FlowExecutions, r => Assert.Equal(ExecutionStatus.CancelStarted, r.ExecutionStatus));
        fixture.Connector.OpenGate(first.ExecutionId!);
        fixture.Connector.OpenGate(second.ExecutionId!);
        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(10, null),
            page => page.FlowExecutions.All(r => r.ExecutionStatus == ExecutionStatus.Canceled),
            "both cancelled runs to reach Canceled once their connector returns");
    }

    [Fact]
    public async Task ARunStartedManyPagesAgo_IsStillKnownAsRunningAfterReactivation()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "ignore-cancel")))));
        var longRun = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(longRun.ExecutionId!);
        await flow.UpdateFlowAsync(new FlowGrains.Contracts.Flows.UpdateFlowRequest(Definition()));
        for (var i = 0; i < 60; i++)
        {
            await flow.StartFlowAsync(Start(null));
        }

        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(60, null),
            page => page.FlowExecutions.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
            "the 60 short runs to succeed");
        await fixture.Cluster.DeactivateAsync(flow);

        var refused = await Assert.ThrowsAsync<FlowOperationException>(() => flow.DeleteFlowAsync(forceDelete: false));
        var cancel = await flow.CancelFlowExecutionsAsync([longRun.ExecutionId!]);
        fixture.Connector.OpenGate(longRun.ExecutionId!);

        Assert.Equal(FlowErrorCode.Conflict, refused.Code);
        Assert.Empty(cancel.InvalidExecutions);
        await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions.Single(r => r.ExecutionId == longRun.ExecutionId),
            record => record.ExecutionStatus == ExecutionStatus.Canceled,
            "the long run, cancelled after reactivation, to end Canceled");
    }

    [Fact]
    public async Task AWriterThatFailsToClose_DoesNotLoseTheRunsOutcome()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create(Definition(destination: TestConnector(("failDispose", "true")))));

        await flow.StartFlowAsync(Start(null));

        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the run whose writer fails to close to still be recorded");
    }

    [Fact]
    public async Task CancelWithDefaultOrNullIds_IsHandledLikeHttp()
    {
        var flow = await CreateAsync();

        var all = await flow.CancelFlowExecutionsAsync(default);
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CancelFlowExecutionsAsync([null!]));

        Assert.Empty(all.InvalidExecutions);
        FlowAssert.ValidationErrorNaming("executionIds[0]", error);
    }

    [Fact]
    public async Task CancelFinishedRun_ReportsItInvalid()
    {
        var flow = await CreateAsync();
        var run = await flow.StartFlowAsync(Start(null));
        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the run to succeed");

        var result = await flow.CancelFlowExecutionsAsync([run.ExecutionId!]);

        Assert.Equal(new[] { run.ExecutionId! }, result.InvalidExecutions.ToArray());
    }
}
