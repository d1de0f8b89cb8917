using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>Scheduled flows run every slot once, driven by reminders on a fake clock.</summary>
[Collection(ScheduleClusterCollection.Name)]
public sealed class ScheduledFlowTests(ScheduleClusterFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private Task<IFlowGrain> ActivateAsync(ScheduledTriggerProperties schedule, ConnectorConfig? source = null, ConnectorConfig? destination = null) =>
        ActivateScheduledAsync(fixture.Grains, "scheduled", schedule, source, destination);

    private static Task<List<ExecutionRecord>> RecordsAsync(IFlowGrain flow) => RecordsByStartAsync(flow);

    /// <summary>
    /// Moves the clock forward in small steps, as a running clock would, until the flow has
    /// <paramref name="count"/> records; fails once <paramref name="limit"/> of clock time has passed.
    /// </summary>
    private async Task<List<ExecutionRecord>> AdvanceUntilAsync(IFlowGrain flow, int count, TimeSpan limit)
    {
        var deadline = fixture.Time.GetUtcNow() + limit;
        while (true)
        {
            var records = await RecordsAsync(flow);
            if (records.Count >= count)
            {
                return records;
            }

            if (fixture.Time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Clock time ran out waiting for {count} records; saw {records.Count}.");
            }

            fixture.Time.Advance(Step);

            // Real time for the reminder service to act on the new clock time before the next step.
            await Task.Delay(5);
        }
    }

    /// <summary>Moves the clock off a whole minute, so no cron slot is due at the activation that follows.</summary>
    private void LeaveTheWholeMinute()
    {
        if (fixture.Time.GetUtcNow().UtcTicks % TimeSpan.TicksPerMinute == 0)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The first whole multiple of <paramref name="minutes"/> minutes after the clock's time.</summary>
    private DateTimeOffset NextWholeMinute(int minutes = 1)
    {
        var now = fixture.Time.GetUtcNow();
        var period = TimeSpan.FromMinutes(minutes).Ticks;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % period) + period, TimeSpan.Zero);
    }

    private async Task AdvanceByAsync(TimeSpan span)
    {
        for (var end = fixture.Time.GetUtcNow() + span; fixture.Time.GetUtcNow() < end;)
        {
            fixture.Time.Advance(Step);
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task RateFlow_RunsOnActivationThenEveryPeriod_EachSlotOnce()
    {
        var activatedAt = fixture.Time.GetUtcNow();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("rate(5minutes)"));

        var runs = await AdvanceUntilAsync(flow, 5, TimeSpan.FromMinutes(25));
        await AdvanceByAsync(activatedAt + TimeSpan.FromMinutes(24.5) - fixture.Time.GetUtcNow());

        Assert.Equal(5, (await RecordsAsync(flow)).Count);
        for (var slot = 0; slot < 5; slot++)
        {
            // Ticks come every minute, so a slot's run starts within a minute (and a step) of the slot.
            Assert.InRange(runs[slot].StartedAt - activatedAt, TimeSpan.FromMinutes(5 * slot), TimeSpan.FromMinutes((5 * slot) + 1) + Step);
        }
    }

    [Fact]
    public async Task CronFlow_RunsAtItsCronTimes_AndDescribeShowsTheNext()
    {
        var start = fixture.Time.GetUtcNow();
        var sinceQuarter = TimeSpan.FromTicks(start.Ticks % TimeSpan.FromMinutes(15).Ticks);
        var firstQuarter = sinceQuarter == TimeSpan.Zero ? start : start - sinceQuarter + TimeSpan.FromMinutes(15);
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/15 * * * ? *)"));

        Assert.Equal(firstQuarter, (await flow.DescribeFlowAsync()).NextScheduledRunAt);
        var runs = await AdvanceUntilAsync(flow, 3, firstQuarter - start + TimeSpan.FromMinutes(32));

        for (var slot = 0; slot < 3; slot++)
        {
            Assert.InRange(runs[slot].StartedAt - firstQuarter, TimeSpan.FromMinutes(15 * slot), TimeSpan.FromMinutes((15 * slot) + 1) + Step);
        }

        Assert.Equal(firstQuarter.AddMinutes(45), (await flow.DescribeFlowAsync()).NextScheduledRunAt);
    }

    [Fact]
    public async Task StoppedOrDeletedFlows_RunNoMoreSlots()
    {
        var stopped = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"));
        var deleted = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"));
        await AdvanceUntilAsync(stopped, 2, TimeSpan.FromMinutes(2));
        await AdvanceUntilAsync(deleted, 2, TimeSpan.FromMinutes(2));
        await Eventually.MatchesAsync(
            () => RecordsAsync(deleted), r => r.All(x => x.ExecutionStatus != ExecutionStatus.InProgress), "the deleted flow's runs to finish");

        await stopped.StopFlowAsync();
        await deleted.DeleteFlowAsync(false);
        var before = (await RecordsAsync(stopped)).Count;
        await AdvanceByAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(before, (await RecordsAsync(stopped)).Count);
        Assert.Null((await stopped.DescribeFlowAsync()).NextScheduledRunAt);
        Assert.Null(await deleted.GetSummaryAsync());
    }

    [Theory]
    [InlineData("Latest", 1)]
    [InlineData("None", 0)]
    public async Task AfterAnOutage_CatchUpRunsThePoliciesRuns(string catchUp, int catchUpRuns)
    {
        LeaveTheWholeMinute();
        var start = fixture.Time.GetUtcNow();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/10 * * * ? *)", CatchUp: catchUp));

        // The clock jumps past several slots in one step, as if the cluster had been down, and lands five
        // minutes after the latest of them.
        var lastTenMinutes = start - TimeSpan.FromTicks(start.Ticks % TimeSpan.FromMinutes(10).Ticks);
        fixture.Time.Advance(lastTenMinutes + TimeSpan.FromMinutes(45) - start);
        await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == catchUpRuns, $"{catchUpRuns} catch-up run(s)");
        var nextSlot = (await flow.DescribeFlowAsync()).NextScheduledRunAt!.Value;
        await AdvanceByAsync(nextSlot - fixture.Time.GetUtcNow() - Step);

        Assert.Equal(catchUpRuns, (await RecordsAsync(flow)).Count);
    }

    [Fact]
    public async Task AfterThresholdFailuresInARow_TheFlowIsSuspended_UntilStartedAgain()
    {
        var flow = await ActivateAsync(
            new ScheduledTriggerProperties("rate(1minute)", FlowErrorDeactivationThreshold: 3), TestConnector(("fail", "true")));

        await AdvanceUntilAsync(flow, 3, TimeSpan.FromMinutes(3));
        var suspended = await Eventually.MatchesAsync(
            () => flow.DescribeFlowAsync(), d => d.FlowStatus == FlowStatus.Suspended, "the flow to be suspended after 3 failures");
        await AdvanceByAsync(TimeSpan.FromMinutes(3));

        var runs = await RecordsAsync(flow);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(ExecutionStatus.Error, r.ExecutionStatus));
        Assert.Equal("Deactivated after 3 consecutive failed runs; start the flow to activate it again.", suspended.FlowStatusMessage);
        Assert.Null(suspended.NextScheduledRunAt);

        var reactivated = await flow.StartFlowAsync(Start(null));
        await AdvanceUntilAsync(flow, 4, TimeSpan.FromMinutes(1));
        Assert.Equal(FlowStatus.Active, reactivated.FlowStatus);
    }

    [Fact]
    public async Task IncrementalRuns_PullFromWhereTheLastSuccessfulRunEnded()
    {
        var from = fixture.Time.GetUtcNow().AddDays(-1);
        var schedule = new ScheduledTriggerProperties("rate(1minute)", DataPullMode: "Incremental", FirstExecutionFrom: from);
        var flow = await ActivateAsync(schedule);
        var first = await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(2));
        await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.All(x => x.ExecutionStatus == ExecutionStatus.Successful), "two successful runs");

        await flow.UpdateFlowAsync(new UpdateFlowRequest(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, schedule), TestConnector(("fail", "true")), [TestConnector()], [])));
        var failed = (await AdvanceUntilAsync(flow, 3, TimeSpan.FromMinutes(2)))[2];
        await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r[2].ExecutionStatus == ExecutionStatus.Error, "the third run to fail");
        await flow.UpdateFlowAsync(new UpdateFlowRequest(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, schedule), TestConnector(), [TestConnector()], [])));
        var recovered = (await AdvanceUntilAsync(flow, 4, TimeSpan.FromMinutes(2)))[3];

        Assert.Equal(from, first[0].DataPullStartTime);
        Assert.Equal(first[0].DataPullEndTime, first[1].DataPullStartTime);
        Assert.Equal(first[1].DataPullEndTime, failed.DataPullStartTime);
        Assert.Equal(first[1].DataPullEndTime, recovered.DataPullStartTime);
        Assert.True(recovered.DataPullEndTime > failed.DataPullEndTime);
    }

    [Fact]
    public async Task AnIncrementalRunThatFailsPartWay_IsResumedByTheNextRunFromWhereItsCommittedOutputReaches()
    {
        var from = fixture.Time.GetUtcNow().AddDays(-1);
        var schedule = new ScheduledTriggerProperties("rate(1minute)", DataPullMode: "Incremental", FirstExecutionFrom: from);
        var failing = TestConnector(("records", "2"), ("batches", "2"), ("failAfterBatch", "1")) with { DatetimeTypeFieldName = "at" };
        var flow = await ActivateAsync(schedule, failing, TestConnector(("commitsEachBatch", "true")));
        var failed = (await AdvanceUntilAsync(flow, 1, TimeSpan.FromMinutes(2)))[0];
        var ended = await Eventually.MatchesAsync(
            async () => (await RecordsAsync(flow))[0], r => r.ExecutionStatus == ExecutionStatus.Error, "the first run to fail");
        await flow.UpdateFlowAsync(new UpdateFlowRequest(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, schedule), TestConnector() with { DatetimeTypeFieldName = "at" }, [TestConnector(("commitsEachBatch", "true"))], [])));
        var resumed = (await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(2)))[1];

        Assert.Equal(from, failed.DataPullStartTime);
        Assert.StartsWith("The test source failed after batch 1. The run stopped after reading 2 records; records up to at = ", ended.ExecutionResult.ErrorInfo!.ExecutionMessage);
        Assert.Equal(from.AddSeconds(2), resumed.DataPullStartTime);
    }

    [Fact]
    public async Task ARunOfAnEarlierActivation_StillRunningOnItsLiveSilo_IsNotRunAgain_AndTheOverlappingSlotIsSkipped()
    {
        var flow = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"), TestConnector(("gate", "true")));
        var running = (await AdvanceUntilAsync(flow, 1, TimeSpan.FromMinutes(1)))[0];
        await fixture.Cluster.DeactivateAsync(flow);

        // One tick may skip two slots at once (the clock moves in steps), so every other record is looked at.
        var skipped = (await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(6))).Where(r => r.ExecutionId != running.ExecutionId).ToList();
        fixture.Connector.OpenGate(running.ExecutionId);
        var ended = await Eventually.MatchesAsync(
            async () => (await RecordsAsync(flow)).Single(r => r.ExecutionId == running.ExecutionId),
            r => r.ExecutionStatus != ExecutionStatus.InProgress,
            "the first run to report");

        Assert.NotEmpty(skipped);
        Assert.All(skipped, r => Assert.Equal(ExecutionStatus.Skipped, r.ExecutionStatus));
        Assert.Equal(ExecutionStatus.Successful, ended.ExecutionStatus);
        Assert.Equal(1, fixture.Connector.StartsOf(running.ExecutionId));
    }

    [Fact]
    public async Task ATickThatDiesBeforeStoringItsSlot_StillRunsTheSlotOnce_AndARepeatedTickDoesNotRunItAgain()
    {
        LeaveTheWholeMinute();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"));
        var slot = NextWholeMinute();

        // The tick's one write of the flow stores the handled slot, after the slot's run is stored.
        var writes = 0;
        fixture.Faults.Rule = (operation, stateName, grainId) => operation == StorageOperation.Write
            && stateName == FlowStorageNames.FlowState && grainId == flow.GetGrainId() && Interlocked.Increment(ref writes) == 1;
        List<ExecutionRecord> first;
        try
        {
            fixture.Time.Advance(slot - fixture.Time.GetUtcNow());
            first = await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == 1 && writes >= 1, "the slot's run, and the failed write of the slot");
        }
        finally
        {
            fixture.Faults.Rule = null;
        }

        // As after a crash: the activation is gone and the slot may not be stored as handled; the tick comes again.
        await fixture.Cluster.DeactivateAsync(flow);
        await flow.AsReference<IRemindable>().ReceiveReminder("schedule", new TickStatus(slot.UtcDateTime, TimeSpan.FromMinutes(1), slot.UtcDateTime));
        var afterRepeat = await RecordsAsync(flow);
        var later = await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(2));

        Assert.Equal(first[0].ExecutionId, Assert.Single(afterRepeat).ExecutionId);
        Assert.Equal([slot, slot.AddMinutes(1)], later.Select(r => r.DataPullEndTime!.Value));
    }

    [Fact]
    public async Task SlotsKnownHandledOnlyByTheirRecords_AreNotRunAgainByTheNextActivation()
    {
        LeaveTheWholeMinute();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"));
        var first = NextWholeMinute();
        for (var minute = 0; minute < 3; minute++)
        {
            fixture.Time.Advance(first.AddMinutes(minute) - fixture.Time.GetUtcNow());
            await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == minute + 1, $"the run of slot {minute}");
        }

        var stored = await fixture.StoredFlowStateAsync(flow);
        await Eventually.MatchesAsync(
            () => RecordsAsync(flow), r => r.All(x => x.ExecutionStatus != ExecutionStatus.InProgress), "the runs to end");
        await fixture.Cluster.DeactivateAsync(flow);
        fixture.Time.Advance(first.AddMinutes(3) - fixture.Time.GetUtcNow());
        var records = await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count >= 4, "the run of slot 3");

        // Only the activation's first slot was stored as the last one handled; the records tell the rest.
        Assert.Equal(first, stored.LastSlotAt);
        Assert.Equal([first, first.AddMinutes(1), first.AddMinutes(2), first.AddMinutes(3)], records.Select(r => r.DataPullEndTime!.Value));
    }

    [Fact]
    public async Task ATickWhoseRunCannotBeStored_IsRetriedWithinSeconds_NotAtTheNextTick()
    {
        LeaveTheWholeMinute();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/5 * * * ? *)"));
        var slot = NextWholeMinute(5);
        var pageWrites = 0;
        fixture.LedgerFaults.Before = (method, life) => method == nameof(Grains.Ledger.IFlowLedgerStore.StartRunAsync)
            && life.FlowName == flow.GetPrimaryKeyString() && Interlocked.Increment(ref pageWrites) <= 2;
        List<ExecutionRecord> records;
        try
        {
            // The clock stands at the slot, where the reminder's tick and the alarm both fail: only a retry,
            // not a later tick, can run it.
            fixture.Time.Advance(slot - fixture.Time.GetUtcNow());
            records = await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == 1, "the slot's run after the retry");
        }
        finally
        {
            fixture.LedgerFaults.Clear();
        }

        Assert.True(pageWrites >= 3, $"the first two run writes were not failed ({pageWrites} writes)");
        Assert.Equal(slot, records[0].DataPullEndTime);
        Assert.Equal(slot, records[0].StartedAt);
    }

    [Fact]
    public async Task ChangingTheOffsetOfAnActiveFlow_DoesNotRunASlotAgain()
    {
        var start = fixture.Time.GetUtcNow();
        var sinceHour = TimeSpan.FromTicks(start.Ticks % TimeSpan.TicksPerHour);
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0 * * * ? *)"));
        await AdvanceUntilAsync(flow, 1, TimeSpan.FromHours(1) - sinceHour + TimeSpan.FromMinutes(1));

        await flow.UpdateFlowAsync(new UpdateFlowRequest(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("cron(0 * * * ? *)", ScheduleOffset: 600)), TestConnector(), [TestConnector()], [])));
        await AdvanceByAsync(TimeSpan.FromMinutes(15));

        Assert.Single(await RecordsAsync(flow));
    }

    [Fact]
    public async Task UpdatingTheSchedule_ReArmsIt()
    {
        var flow = await ActivateAsync(new ScheduledTriggerProperties(NeverBefore2199));
        await AdvanceByAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(await RecordsAsync(flow));

        await flow.UpdateFlowAsync(new UpdateFlowRequest(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("cron(* * * * ? *)")), TestConnector(), [TestConnector()], [])));

        await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task ASlotThatComesDuringARun_WaitsForIt_AndRunsWhenItEnds()
    {
        var flow = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"), TestConnector(("gate", "true")));
        var first = (await AdvanceUntilAsync(flow, 1, TimeSpan.FromMinutes(1)))[0];
        await AdvanceByAsync(first.StartedAt.AddSeconds(90) - fixture.Time.GetUtcNow());
        var whileRunning = await RecordsAsync(flow);

        fixture.Connector.OpenGate(first.ExecutionId);
        var records = await Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == 2, "the waiting slot's run");

        Assert.Single(whileRunning);
        Assert.Equal(first.StartedAt.AddMinutes(1), records[1].DataPullEndTime);
        Assert.True(records[1].StartedAt >= first.StartedAt.AddSeconds(90), "the second run started only after the first ended");
    }

    [Fact]
    public async Task ASlotStillWaitingWhenItsGraceRunsOut_IsRecordedAsSkipped()
    {
        var flow = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"), TestConnector(("gate", "true")));
        var first = (await AdvanceUntilAsync(flow, 1, TimeSpan.FromMinutes(1)))[0];

        var records = await AdvanceUntilAsync(flow, 2, TimeSpan.FromMinutes(6));
        fixture.Connector.OpenGate(first.ExecutionId);

        // One tick may skip two slots at once (the clock moves in steps); the second slot's record is the one looked at.
        var secondSlot = $"The slot of {first.StartedAt.AddMinutes(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} was skipped: the previous run was still in progress when its grace (00:02:00) ran out.";
        var skipped = Assert.Single(records, r => r.ExecutionResult.ErrorInfo?.ExecutionMessage == secondSlot);
        Assert.Equal(ExecutionStatus.InProgress, records[0].ExecutionStatus);
        Assert.All(records.Skip(1), r => Assert.Equal(ExecutionStatus.Skipped, r.ExecutionStatus));
        Assert.True(skipped.StartedAt > first.StartedAt.AddMinutes(3), "skipped only once the slot's two minutes of grace had passed");
    }
}
