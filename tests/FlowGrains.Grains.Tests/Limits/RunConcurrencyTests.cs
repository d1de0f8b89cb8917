using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Limits;

/// <summary>
/// A start past FlowGrains:Runs:MaxConcurrentRunsPerFlow (2 here) or MaxConcurrentRunsPerSilo (3 here) is refused
/// as Throttled and recorded nowhere: the same clientToken starts a run once there is room.
/// </summary>
[Collection(LimitsClusterCollection.Name)]
public sealed class RunConcurrencyTests(LimitsClusterFixture fixture)
{
    private async Task<IFlowGrain> GatedFlowAsync()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName("busy"));
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        return flow;
    }

    private async Task<string> StartGatedAsync(IFlowGrain flow, string token)
    {
        var run = (await flow.StartFlowAsync(Start(token))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);
        return run;
    }

    private async Task FinishAsync(IEnumerable<string> runs, params IFlowGrain[] flows)
    {
        foreach (var run in runs)
        {
            fixture.Connector.OpenGate(run);
        }

        foreach (var flow in flows)
        {
            await Eventually.MatchesAsync(
                async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions,
                records => records.All(r => r.ExecutionStatus != ExecutionStatus.InProgress),
                "the flow's runs to end");
            await flow.DeleteFlowAsync(forceDelete: true);
        }
    }

    [Fact]
    public async Task AThirdRunOfOneFlow_IsThrottled_AndItsTokenStartsARunOnceOneHasEnded()
    {
        var flow = await GatedFlowAsync();
        var first = await StartGatedAsync(flow, "c-1");
        var second = await StartGatedAsync(flow, "c-2");

        var refused = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Start("c-3")));
        var whileFull = (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions;
        fixture.Connector.OpenGate(first);
        await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Count(r => r.ExecutionStatus == ExecutionStatus.InProgress),
            inProgress => inProgress == 1,
            "the first run to end");
        var retried = (await flow.StartFlowAsync(Start("c-3"))).ExecutionId!;
        await FinishAsync([second, retried], flow);

        Assert.Equal(FlowErrorCode.Throttled, refused.Code);
        Assert.StartsWith("Flow 'busy-", refused.Message);
        Assert.EndsWith("' has 2 runs in progress, the most FlowGrains:Runs:MaxConcurrentRunsPerFlow allows; retry once one has ended.", refused.Message);
        Assert.Equal(2, whileFull.Length);
        Assert.DoesNotContain(retried, new[] { first, second });
    }

    [Fact]
    public async Task ARunPastTheSilosLimit_IsThrottled_WhateverItsFlow()
    {
        var one = await GatedFlowAsync();
        var other = await GatedFlowAsync();
        string[] runs = [await StartGatedAsync(one, "s-1"), await StartGatedAsync(one, "s-2"), await StartGatedAsync(other, "s-3")];

        var refused = await Assert.ThrowsAsync<FlowOperationException>(() => other.StartFlowAsync(Start("s-4")));
        var records = (await other.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions;
        await FinishAsync(runs, one, other);

        Assert.Equal(FlowErrorCode.Throttled, refused.Code);
        Assert.Equal("This silo carries out 3 runs, the most FlowGrains:Runs:MaxConcurrentRunsPerSilo allows; retry shortly.", refused.Message);
        Assert.Single(records);
    }
}
