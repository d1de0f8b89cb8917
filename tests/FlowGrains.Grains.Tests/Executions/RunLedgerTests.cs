using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Tests.Executions;

/// <summary>An activation's view of a flow life's runs over the in-memory ledger, without a cluster.</summary>
public sealed class RunLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlowLife Life = new("flow", "life-1");
    private readonly InMemoryFlowLedgerStore _store = new();

    private static LedgerRun Run(string executionId, ExecutionStatus status = ExecutionStatus.InProgress) => new(
        new ExecutionRecord(executionId, status, Now, Now, ExecutionResult.Empty),
        status == ExecutionStatus.InProgress ? new RunSpec(Life.FlowName, Life.Incarnation, executionId, Infrastructure.Flows.Definition(), ImmutableSortedDictionary<string, string>.Empty) : null,
        "silo-a");

    private static LedgerRun Ended(LedgerRun run, ExecutionStatus status) =>
        run with { Record = run.Record with { ExecutionStatus = status }, Spec = null };

    [Fact]
    public async Task Loading_FindsTheUnfinishedRuns_AndTheNewest()
    {
        await _store.StartRunAsync(new RunStart(Life, Run("done", ExecutionStatus.Successful), null), Now);
        await _store.StartRunAsync(new RunStart(Life, Run("going"), null), Now);
        await _store.StartRunAsync(new RunStart(Life, Run("newest", ExecutionStatus.Error), null), Now);
        var runs = new RunLedger(_store, Life);

        await runs.LoadAsync();

        Assert.Equal(["going"], runs.Unfinished.Keys);
        Assert.Equal("newest", runs.Newest!.ExecutionId);
        Assert.True(runs.HoldsRecent("done"));
    }

    [Fact]
    public async Task AStart_IsAdoptedOnceStored_AndATokenAlreadyActiveAdoptsNothing()
    {
        var runs = new RunLedger(_store, Life);
        var token = new LedgerToken(TokenOperations.Start, "hash", "fp", Now, "first outcome");
        Assert.Null(await runs.StartAsync(Run("first"), token, Now));

        var stored = await runs.StartAsync(Run("second"), token with { Outcome = "second outcome" }, Now);

        Assert.Equal("first outcome", stored!.Outcome);
        Assert.Equal(["first"], runs.Unfinished.Keys);
        Assert.Equal("first", runs.Newest!.ExecutionId);
        Assert.False(runs.HoldsRecent("second"));
    }

    [Fact]
    public async Task AStartThatFails_AdoptsNothing()
    {
        var faults = new Infrastructure.LedgerFaults { Before = (method, _) => method == nameof(IFlowLedgerStore.StartRunAsync) };
        var runs = new RunLedger(new Infrastructure.FaultyLedgerStore(_store, faults), Life);

        await Assert.ThrowsAsync<IOException>(() => runs.StartAsync(Run("lost"), null, Now));

        Assert.Empty(runs.Unfinished);
        Assert.Null(runs.Newest);
    }

    [Fact]
    public async Task AnEnd_IsWrittenAndAdopted_AndRemovesTheRunFromTheUnfinished()
    {
        var runs = new RunLedger(_store, Life);
        await runs.StartAsync(Run("r"), null, Now);

        var ended = await runs.UpdateAsync("r", run => Ended(run, ExecutionStatus.Successful));

        Assert.Equal(ExecutionStatus.Successful, ended!.Record.ExecutionStatus);
        Assert.Empty(runs.Unfinished);
        Assert.Equal(ExecutionStatus.Successful, runs.Newest!.ExecutionStatus);
        Assert.Empty(await _store.ReadUnfinishedRunsAsync(Life));
    }

    [Fact]
    public async Task AnUpdateOfARunAnotherActivationMovedOn_WritesNothing_AndForgetsTheRun()
    {
        var runs = new RunLedger(_store, Life);
        await runs.StartAsync(Run("r"), null, Now);
        await _store.UpdateRunAsync(Life, ExecutionStatus.InProgress, Ended(Run("r"), ExecutionStatus.Canceled));

        var updated = await runs.UpdateAsync("r", run => Ended(run, ExecutionStatus.Successful));

        Assert.Null(updated);
        Assert.Empty(runs.Unfinished);
        Assert.Equal(ExecutionStatus.Canceled, (await _store.ReadRunsAsync(Life, null, 1)).Records[0].ExecutionStatus);
    }

    [Fact]
    public async Task AProgressReportThatFinishesAfterTheEnd_DoesNotBringTheRunBack()
    {
        var faults = new Infrastructure.LedgerFaults();
        var runs = new RunLedger(new Infrastructure.FaultyLedgerStore(_store, faults), Life);
        await runs.StartAsync(Run("r"), null, Now);
        var progressHeld = new TaskCompletionSource();
        faults.Hold = (method, _) => method == nameof(IFlowLedgerStore.UpdateRunAsync) && !progressHeld.Task.IsCompleted ? progressHeld.Task : null;
        var progress = runs.UpdateAsync("r", run => run with { Record = run.Record with { ExecutionResult = new ExecutionResult(5, 50, 50, null) } });
        faults.Hold = null;

        await runs.UpdateAsync("r", run => Ended(run, ExecutionStatus.Successful));
        progressHeld.SetResult();
        await progress;

        Assert.Empty(runs.Unfinished);
    }

    [Fact]
    public async Task RecentRuns_AreTheNewestSixtyFour()
    {
        var runs = new RunLedger(_store, Life);
        for (var i = 0; i < RunLedger.RecentRuns + 1; i++)
        {
            await runs.StartAsync(Run($"r{i}", ExecutionStatus.Successful), null, Now);
        }

        Assert.False(runs.HoldsRecent("r0"));
        Assert.True(runs.HoldsRecent("r1"));
        Assert.True(runs.HoldsRecent($"r{RunLedger.RecentRuns}"));
    }
}
