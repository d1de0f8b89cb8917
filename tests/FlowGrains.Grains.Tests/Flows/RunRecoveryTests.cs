using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Grains.Tokens;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>
/// A run whose silo died before or while it ran is resumed by the flow's next activation under the same
/// execution id, so an acknowledged start always leads to a run that happens.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ARunWhoseSiloIsGone_IsResumedOnTheNextActivation_UnderTheSameExecutionId()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = (await flow.StartFlowAsync(Start("recover-1"))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);

        // As a crash leaves it: the activation is gone, and the silo that launched the run is no member of the cluster.
        await fixture.Cluster.DeactivateAsync(flow);
        await fixture.MoveLauncherToDeadSiloAsync(flow, name, run);

        var replay = await flow.StartFlowAsync(Start("recover-1"));
        await Eventually.MatchesAsync(() => Task.FromResult(fixture.Connector.StartsOf(run)), starts => starts == 2, "the run to be started again");
        fixture.Connector.OpenGate(run);
        var records = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions,
            list => list.All(r => r.ExecutionStatus != ExecutionStatus.InProgress),
            "the resumed run to end");

        Assert.Equal(run, replay.ExecutionId);
        Assert.Equal(run, Assert.Single(records).ExecutionId);
        Assert.Equal(ExecutionStatus.Successful, records[0].ExecutionStatus);
    }

    [Fact]
    public async Task ARunWhoseSiloDied_IsResumedUnderItsId_AndARetryOfItsTokenGetsThatRunAndNoOther()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = (await flow.StartFlowAsync(Start("silo-died"))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);

        // The run and its token were stored in one write; then the silo that launched the run died.
        await fixture.Cluster.DeactivateAsync(flow);
        await fixture.MoveLauncherToDeadSiloAsync(flow, name, run);

        var retry = await flow.StartFlowAsync(Start("silo-died"));
        fixture.Connector.OpenGate(run);
        var records = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions,
            list => list.All(r => r.ExecutionStatus != ExecutionStatus.InProgress),
            "the resumed run to end");

        Assert.Equal(run, retry.ExecutionId);
        Assert.Equal(run, Assert.Single(records).ExecutionId);
        Assert.Equal(ExecutionStatus.Successful, records[0].ExecutionStatus);
        Assert.Equal(2, fixture.Connector.StartsOf(run));
    }

    [Fact]
    public async Task ARunStillRunningOnItsLiveSilo_IsNotStartedAgainByANewActivation()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = (await flow.StartFlowAsync(Start(null))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);
        await fixture.Cluster.DeactivateAsync(flow);

        var whileRunning = (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Single();
        fixture.Connector.OpenGate(run);
        var ended = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Single(),
            r => r.ExecutionStatus != ExecutionStatus.InProgress,
            "the run to report");

        Assert.Equal(ExecutionStatus.InProgress, whileRunning.ExecutionStatus);
        Assert.Equal(ExecutionStatus.Successful, ended.ExecutionStatus);
        Assert.Equal(1, fixture.Connector.StartsOf(run));
    }
}
