using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>A run that takes its silo down each time is resumed at most FlowGrains:Runs:MaxResumes times (3), then quarantined.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunQuarantineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ARunWhoseSiloDiesUnderItEveryTime_IsResumedThreeTimes_ThenEndsErrorQuarantined()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var run = (await flow.StartFlowAsync(Start("quarantine-1"))).ExecutionId!;
        await fixture.Connector.WaitUntilStartedAsync(run);

        for (var crash = 1; crash <= 3; crash++)
        {
            await CrashUnderRunAsync(flow, name, run);
            var starts = crash + 1;
            await Eventually.MatchesAsync(() => Task.FromResult(fixture.Connector.StartsOf(run)), count => count == starts, $"resume {crash} of the run");
        }

        await CrashUnderRunAsync(flow, name, run);
        var record = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Single(),
            r => r.ExecutionStatus != ExecutionStatus.InProgress,
            "the run to be quarantined");
        fixture.Connector.OpenGate(run);

        Assert.Equal(ExecutionStatus.Error, record.ExecutionStatus);
        Assert.Equal(
            "The run was quarantined: its silo stopped under it 4 times, and it was resumed 3 times, the most FlowGrains:Runs:MaxResumes allows; it is not resumed again.",
            record.ExecutionResult.ErrorInfo!.ExecutionMessage);
        Assert.Equal(4, fixture.Connector.StartsOf(run));
        Assert.Equal(run, (await flow.StartFlowAsync(Start("quarantine-1"))).ExecutionId);
    }

    // As a crash leaves it: the activation is gone and the run's silo is no member of the cluster. The next call
    // activates the flow, which looks at its unfinished runs.
    private async Task CrashUnderRunAsync(IFlowGrain flow, string name, string run)
    {
        await fixture.Cluster.DeactivateAsync(flow);
        await fixture.MoveLauncherToDeadSiloAsync(flow, name, run);
        await flow.DescribeFlowAsync();
    }
}
