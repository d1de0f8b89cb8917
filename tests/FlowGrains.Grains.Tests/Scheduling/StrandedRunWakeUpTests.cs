using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>A flow with a run stranded by a dead silo wakes up by itself (a recovery reminder) and resumes it, with no call.</summary>
[Collection(ScheduleClusterCollection.Name)]
public sealed class StrandedRunWakeUpTests(ScheduleClusterFixture fixture)
{
    [Fact]
    public async Task AStrandedRun_IsResumedByTheRecoveryReminder_WithoutAnyCallToTheFlow()
    {
        var name = NewName("wake");
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = (await flow.StartFlowAsync(Start("wake-1"))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);
        await fixture.Cluster.DeactivateAsync(flow);
        await fixture.MoveLauncherToDeadSiloAsync(flow, name, run);

        for (var step = 0; step < 30 && fixture.Connector.StartsOf(run) < 2; step++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20);
        }

        Assert.Equal(2, fixture.Connector.StartsOf(run));
        fixture.Connector.OpenGate(run);
        var ended = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Single(),
            r => r.ExecutionStatus != ExecutionStatus.InProgress,
            "the resumed run to end");
        Assert.Equal(ExecutionStatus.Successful, ended.ExecutionStatus);
    }
}
