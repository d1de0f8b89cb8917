using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>
/// What a failed write may and may not do to the StartFlow contract and to run records: a write that
/// failed stored nothing, and one whose outcome was lost (stored, yet reported as failed) never yields a
/// second run, a phantom change, or a change made twice.
/// </summary>
[Collection(FaultyStorageCollection.Name)]
public sealed class StorageFailureTests(FaultyStorageFixture fixture) : IDisposable
{
    public void Dispose()
    {
        fixture.Faults.Rule = null;
        fixture.Faults.AfterRule = null;
        fixture.LedgerFaults.Clear();
    }

    private static Func<string, FlowLife, bool> Once(string method, string flowName)
    {
        var once = 0;
        return (called, life) => called == method && life.FlowName == flowName && Interlocked.Exchange(ref once, 1) == 0;
    }

    private static Func<StorageOperation, string, GrainId, bool> OnceOnFlowState(string flowName)
    {
        var once = 0;
        return (op, state, id) => op == StorageOperation.Write && state == FlowStorageNames.FlowState
            && id.ToString().Contains(flowName, StringComparison.Ordinal) && Interlocked.Exchange(ref once, 1) == 0;
    }

    private Task<ExecutionRecord[]> AllRunsEndedAsync(IFlowGrain flow) => Eventually.MatchesAsync(
        async () => (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions.ToArray(),
        records => records.All(r => r.ExecutionStatus != ExecutionStatus.InProgress),
        "every run to end");

    [Fact]
    public async Task AStartStoredButReportedAsFailed_RunsOnce_AndARetryOfItsTokenGetsThatRun()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        fixture.LedgerFaults.After = Once(nameof(IFlowLedgerStore.StartRunAsync), name);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.StartFlowAsync(Start("lost-ack")));

        var retry = await flow.StartFlowAsync(Start("lost-ack"));
        var records = await AllRunsEndedAsync(flow);

        Assert.Equal(retry.ExecutionId, Assert.Single(records).ExecutionId);
        Assert.Equal(ExecutionStatus.Successful, records[0].ExecutionStatus);
        await Eventually.MatchesAsync(() => Task.FromResult(fixture.Connector.StartsOf(retry.ExecutionId!)), starts => starts == 1, "recovery to launch the stored run");
    }

    [Fact]
    public async Task AStartWhoseWriteFailed_StoresNothing_AndARetryOfItsTokenStartsTheRun()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        fixture.LedgerFaults.Before = Once(nameof(IFlowLedgerStore.StartRunAsync), name);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.StartFlowAsync(Start("failed")));
        var afterFailure = (await flow.DescribeFlowExecutionRecordsAsync(10, null)).FlowExecutions;

        var retry = await flow.StartFlowAsync(Start("failed"));
        var records = await AllRunsEndedAsync(flow);

        Assert.Empty(afterFailure);
        Assert.Equal(retry.ExecutionId, Assert.Single(records).ExecutionId);
        Assert.Equal(1, fixture.Connector.StartsOf(retry.ExecutionId!));
    }

    [Fact]
    public async Task AFailedWriteOfARunsOutcome_IsRetriedUntilStored()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(source: TestConnector(("gate", "true")))));
        var started = await flow.StartFlowAsync(Start(null));
        await fixture.Connector.WaitUntilStartedAsync(started.ExecutionId!);
        var before = fixture.LedgerFaults.Injected;
        fixture.LedgerFaults.Before = (method, life) => method == nameof(IFlowLedgerStore.UpdateRunAsync) && life.FlowName == name;

        fixture.Connector.OpenGate(started.ExecutionId!);
        await Eventually.MatchesAsync(() => Task.FromResult(fixture.LedgerFaults.Injected), injected => injected > before, "a write of the run's outcome to fail");
        fixture.LedgerFaults.Clear();

        var life = await fixture.StoredLifeAsync(flow, name);
        var stored = await Eventually.MatchesAsync(
            async () => (await fixture.Ledger.ReadRunsAsync(life, null, 10)).Records,
            records => records[0].ExecutionStatus == ExecutionStatus.Successful,
            "the retried write to store the run's outcome");
        Assert.Equal(started.ExecutionId, stored[0].ExecutionId);
        Assert.Empty(await fixture.Ledger.ReadUnfinishedRunsAsync(life));
    }

    [Fact]
    public async Task ADeleteWhoseCleanupFails_StillDeletesTheFlow_AndItsTokensCannotStartAnything()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        await flow.StartFlowAsync(Start("t1"));
        await AllRunsEndedAsync(flow);
        fixture.LedgerFaults.Before = (method, life) => method == nameof(IFlowLedgerStore.ForgetLifeAsync) && life.FlowName == name;

        await flow.DeleteFlowAsync(false);
        fixture.LedgerFaults.Clear();
        await fixture.Cluster.DeactivateAsync(flow);

        Assert.Null(await flow.GetSummaryAsync());
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Start("t1")));
        Assert.Equal(FlowErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task AnUpdateStoredButReportedAsFailed_IsReplayedByItsToken_AndTheTokenStaysBoundToThatRequest()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var update = new UpdateFlowRequest(Definition() with { Description = "second" }, "u1");
        fixture.Faults.AfterRule = OnceOnFlowState(name);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.UpdateFlowAsync(update));
        fixture.Faults.AfterRule = null;

        var replay = await flow.UpdateFlowAsync(update);
        var mismatch = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.UpdateFlowAsync(update with { Definition = Definition() with { Description = "third" } }));

        Assert.Equal(FlowStatus.Active, replay.FlowStatus);
        Assert.Equal("second", (await flow.DescribeFlowAsync()).Definition.Description);
        Assert.Equal(FlowErrorCode.ClientTokenMismatch, mismatch.Code);
    }

    [Fact]
    public async Task AnUpdateWhoseWriteFailed_LeavesNoPhantom_TheTokenIsFree_AndARetryMakesTheChange()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var update = new UpdateFlowRequest(Definition() with { Description = "wanted" }, "u2");
        fixture.Faults.Rule = (op, state, id) => op == StorageOperation.Write && state == FlowStorageNames.FlowState && id.ToString().Contains(name, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.UpdateFlowAsync(update));
        fixture.Faults.Rule = null;
        var afterFailure = (await flow.DescribeFlowAsync()).Definition.Description;

        // Another request with the token is a first use: the failed one never happened.
        var other = update with { Definition = Definition() with { Description = "other" } };
        await flow.UpdateFlowAsync(other);

        Assert.NotEqual("wanted", afterFailure);
        Assert.Equal("other", (await flow.DescribeFlowAsync()).Definition.Description);
    }

    [Fact]
    public async Task ACreateStoredButReportedAsFailed_IsReplayedByItsToken_WithOneFlow()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        var create = Create() with { ClientToken = "c1" };
        fixture.Faults.AfterRule = OnceOnFlowState(name);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.CreateFlowAsync(create));
        fixture.Faults.AfterRule = null;

        var replay = await flow.CreateFlowAsync(create);
        var again = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(create with { ClientToken = "c2" }));

        Assert.Equal(FlowStatus.Active, replay.FlowStatus);
        Assert.Equal(FlowErrorCode.Conflict, again.Code);
    }

    [Fact]
    public async Task AnActivationWhoseWriteFailed_IsNotReplayedAsSuccess_AndARetryActivates()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(TriggerType.Event)));
        fixture.Faults.Rule = OnceOnFlowState(name);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.StartFlowAsync(Start("a1")));
        fixture.Faults.Rule = null;
        var afterFailure = (await flow.DescribeFlowAsync()).FlowStatus;

        var retry = await flow.StartFlowAsync(Start("a1"));

        Assert.Equal(FlowStatus.Draft, afterFailure);
        Assert.Equal(FlowStatus.Active, retry.FlowStatus);
        Assert.Equal(FlowStatus.Active, (await flow.DescribeFlowAsync()).FlowStatus);
    }

    [Fact]
    public async Task AChangeWhoseTokenSettleFailed_IsStillReplayedByItsToken_AfterDeactivation()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var update = new UpdateFlowRequest(Definition() with { Description = "settled later" }, "u3");
        fixture.LedgerFaults.Before = Once(nameof(IFlowLedgerStore.SettleTokenAsync), name);
        var first = await flow.UpdateFlowAsync(update);
        await fixture.Cluster.DeactivateAsync(flow);

        var replay = await flow.UpdateFlowAsync(update);
        var mismatch = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.UpdateFlowAsync(update with { Definition = Definition() with { Description = "not this" } }));

        Assert.Equal(first, replay);
        Assert.Equal(FlowErrorCode.ClientTokenMismatch, mismatch.Code);
        Assert.Equal("settled later", (await flow.DescribeFlowAsync()).Definition.Description);
    }
}
