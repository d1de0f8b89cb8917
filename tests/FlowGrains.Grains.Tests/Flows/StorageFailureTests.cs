using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>What a storage failure may and may not do to the StartFlow contract and to run records.</summary>
[Collection(FaultyStorageCollection.Name)]
public sealed class StorageFailureTests(FaultyStorageFixture fixture) : IDisposable
{
    public void Dispose() => fixture.Faults.Rule = null;

    private static bool Of(GrainId grainId, string flowName) => grainId.ToString().Contains(flowName, StringComparison.Ordinal);

    private Task AllRunsSucceededAsync(IFlowGrain flow) => Eventually.MatchesAsync(
        () => flow.DescribeFlowExecutionRecordsAsync(10, null),
        page => page.FlowExecutions.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
        "every run to succeed");

    [Fact]
    public async Task AFailedTokenLeaseWrite_LeavesARetryAfterDeactivationChangingNothing()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        await flow.StartFlowAsync(Start(null));
        var once = 0;
        fixture.Faults.Rule = (op, state, id) =>
            op == StorageOperation.Write && state == FlowStorageNames.FlowState && Of(id, name) && Interlocked.Exchange(ref once, 1) == 0;
        await Assert.ThrowsAnyAsync<Exception>(() => flow.StartFlowAsync(Start("t0")));
        fixture.Faults.Rule = null;
        var first = await flow.StartFlowAsync(Start("t1"));
        await AllRunsSucceededAsync(flow);
        await fixture.Cluster.DeactivateAsync(flow);

        var retry = await flow.StartFlowAsync(Start("t1"));

        Assert.Equal(first, retry);
        Assert.Equal(2, (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.Length);
    }

    [Fact]
    public async Task ATokenSweepThatFails_DoesNotFailTheCallThatTriggeredIt()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create(Definition(TriggerType.Event)));
        await flow.StartFlowAsync(Start("a0"));
        await flow.StopFlowAsync();
        fixture.Time.Advance(TimeSpan.FromHours(4));
        var first = await flow.StartFlowAsync(Start("a1"));
        fixture.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        fixture.Faults.Rule = (op, state, _) => state == FlowStorageNames.TokenState;

        var replay = await flow.StartFlowAsync(Start("a1"));

        Assert.Equal(first, replay);
    }

    [Fact]
    public async Task AFailedWriteOfRunOutcomes_IsRetriedUntilStored()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var started = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(started.ExecutionId!);
        var before = fixture.Faults.Injected;
        fixture.Faults.Rule = (op, state, id) => op == StorageOperation.Write && state == FlowStorageNames.ExecutionPageState && Of(id, name);

        fixture.Connector.OpenGate(started.ExecutionId!);
        await Eventually.MatchesAsync(() => Task.FromResult(fixture.Faults.Injected), injected => injected > before, "a write of the run's outcome to fail");
        fixture.Faults.Rule = null;

        var incarnation = (await ReadAsync<FlowState>(FlowStorageNames.FlowState, flow.GetGrainId())).Incarnation;
        var stored = await Eventually.MatchesAsync(
            () => ReadAsync<ExecutionPage>(FlowStorageNames.ExecutionPageState, GrainId.Create("flowexecutions", $"{name}/{incarnation}/0")),
            page => page.Records[0].ExecutionStatus == ExecutionStatus.Successful,
            "the retried write to store the run's outcome");
        Assert.Equal(started.ExecutionId, stored.Records[0].ExecutionId);
    }

    [Fact]
    public async Task ATokenWriteThatFails_LeavesTheStoredRunToRecovery_SoARetryGetsThatRunAndNoOther()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var once = 0;
        fixture.Faults.Rule = (op, state, id) =>
            op == StorageOperation.Write && state == FlowStorageNames.TokenState && Of(id, name) && Interlocked.Exchange(ref once, 1) == 0;
        await Assert.ThrowsAnyAsync<Exception>(() => flow.StartFlowAsync(Start("lost-token")));
        fixture.Faults.Rule = null;

        var retry = await flow.StartFlowAsync(Start("lost-token"));
        await AllRunsSucceededAsync(flow);

        var records = (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions;
        Assert.Equal(retry.ExecutionId, Assert.Single(records).ExecutionId);
        Assert.Equal(ExecutionStatus.Successful, records[0].ExecutionStatus);
        Assert.Equal(1, fixture.Connector.StartsOf(retry.ExecutionId!));
    }

    [Fact]
    public async Task ARunsOutcome_IsStoredByTheTimeTheRunShowsAsEnded()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var started = await flow.StartFlowAsync(Start(null));
        await AllRunsSucceededAsync(flow);

        var incarnation = (await ReadAsync<FlowState>(FlowStorageNames.FlowState, flow.GetGrainId())).Incarnation;
        var stored = await ReadAsync<ExecutionPage>(FlowStorageNames.ExecutionPageState, GrainId.Create("flowexecutions", $"{name}/{incarnation}/0"));

        Assert.Equal((started.ExecutionId, ExecutionStatus.Successful), (stored.Records[0].ExecutionId, stored.Records[0].ExecutionStatus));
        Assert.Empty(stored.Pending);
    }

    [Fact]
    public async Task ADeleteWhoseCleanupFails_StillDeletesTheFlow_AndItsTokensCannotStartAnything()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        await flow.StartFlowAsync(Start("t1"));
        await AllRunsSucceededAsync(flow);
        fixture.Faults.Rule = (op, state, id) => op == StorageOperation.Clear && state == FlowStorageNames.ExecutionPageState && Of(id, name);

        await flow.DeleteFlowAsync(false);
        fixture.Faults.Rule = null;
        await fixture.Cluster.DeactivateAsync(flow);

        Assert.Null(await flow.GetSummaryAsync());
        var error = await Assert.ThrowsAsync<FlowGrains.Contracts.Errors.FlowOperationException>(() => flow.StartFlowAsync(Start("t1")));
        Assert.Equal(FlowGrains.Contracts.Errors.FlowErrorCode.NotFound, error.Code);
    }

    private async Task<T> ReadAsync<T>(string stateName, GrainId grainId)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await fixture.InnerStorage.ReadStateAsync(stateName, grainId, state);
        return state.State ?? new T();
    }
}
