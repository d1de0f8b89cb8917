using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Scheduling;
using Orleans.Storage;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Scheduled runs, as <see cref="ScheduleProgress"/> decides them. While a Scheduled flow is active, a reminder ticks every minute on the flow's slot
/// lattice (<see cref="ReminderAlignment"/>), and an alarm on the flow clock wakes the active flow at its
/// next run time; either one handles every slot due by then, as <see cref="SlotPlanner"/> decides. Each
/// slot's record carries the slot's own id, and the last slot handled is stored (at most minutes behind
/// those records), so a repeated tick, a tick on another silo or a retry never runs a slot twice; a tick
/// that fails is retried within seconds.
/// </summary>
public sealed partial class FlowGrain : IRemindable, IScheduledFlow
{
    private const string ScheduleReminder = "schedule";

    // A tick that comes a moment before its slot (timer rounding, the reminder's phase) waits for the slot, not for the next tick.
    private static readonly TimeSpan EarlyTickWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstTickRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestTickRetry = TimeSpan.FromSeconds(30);

    private SlotAlarm? _slotAlarm;
    private IGrainTimer? _slotCheck;
    private TimeSpan _tickRetry;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RecoveryReminder)
        {
            await OnRecoveryTickAsync();
            return;
        }

        if (reminderName != ScheduleReminder)
        {
            return;
        }

        if (!FlowName.IsValid(this.GetPrimaryKeyString()) || !IsActiveScheduled)
        {
            await StopScheduleAsync();
            return;
        }

        await HandleSlotsAsync();
        if (IsActiveScheduled && !ReminderAlignment.IsAligned(status.FirstTickTime, status.Period, NextScheduledRunAt()))
        {
            // Registered by an earlier build, or its phase drifted: from now on it ticks at the slots.
            try
            {
                await RegisterScheduleReminderAsync();
            }
            catch (Exception exception) when (exception is not InconsistentStateException)
            {
                GrainsLog.ScheduleRealignFailed(logger, exception, Name);
            }
        }
    }

    /// <inheritdoc />
    public Task WakeForSlotsAsync() => IsActiveScheduled ? HandleSlotsAsync() : Task.CompletedTask;

    private bool IsActiveScheduled => ScheduleProgress.IsActive(State);

    private DateTimeOffset? NextScheduledRunAt() => _schedule.NextRunAt(State);

    /// <summary>Registers the reminder on the slot lattice, then handles any slot due already (a rate flow's first is due at its activation).</summary>
    private async Task StartScheduleAsync()
    {
        await RegisterScheduleReminderAsync();

        // From the schedule, not inside the StartFlow call (start-flow.md).
        CheckSlotsAfter(TimeSpan.Zero);
    }

    private Task RegisterScheduleReminderAsync() =>
        this.RegisterOrUpdateReminder(ScheduleReminder, ReminderAlignment.DueTime(NextScheduledRunAt(), time.GetUtcNow()), ReminderAlignment.Period);

    /// <summary>After an update: an active Scheduled flow keeps (or gets) its reminder, any other flow has none.</summary>
    private Task FollowScheduleAsync() => IsActiveScheduled ? StartScheduleAsync() : StopScheduleAsync();

    private async Task StopScheduleAsync()
    {
        _slotAlarm?.Set(null);
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Handles the slots due by now and sets the alarm for the next one. A failure (storage unavailable, a
    /// connection not to be had) is retried after 1 s, doubling up to 30 s, rather than at the next tick.
    /// </summary>
    private async Task HandleSlotsAsync()
    {
        try
        {
            await RunDueSlotsAsync();
            _tickRetry = TimeSpan.Zero;
        }
        catch (Exception exception) when (exception is not InconsistentStateException && IsActiveScheduled)
        {
            // A stale etag means another activation wrote: this one must go, so that one is rethrown.
            _tickRetry = _tickRetry == TimeSpan.Zero ? FirstTickRetry : TimeSpan.FromTicks(Math.Min(2 * _tickRetry.Ticks, LongestTickRetry.Ticks));
            GrainsLog.ScheduleTickRetried(logger, exception, Name, _tickRetry);
            CheckSlotsAfter(_tickRetry);
            return;
        }

        if (IsActiveScheduled && NextScheduledRunAt() is { } next && next > time.GetUtcNow())
        {
            _slotAlarm ??= new SlotAlarm(time, GrainFactory.GetGrain<IScheduledFlow>(this.GetPrimaryKeyString()).WakeForSlotsAsync);
            _slotAlarm.Set(next);
        }
    }

    /// <summary>Handles the slots soon, outside the current call: after an activation, a retry delay, or the end of a run a late slot waits for.</summary>
    private void CheckSlotsAfter(TimeSpan delay)
    {
        _slotCheck?.Dispose();
        _slotCheck = this.RegisterGrainTimer(
            async _ =>
            {
                _slotCheck?.Dispose();
                _slotCheck = null;
                await WakeForSlotsAsync();
            },
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// Takes the due slots one at a time, oldest first: each is run, skipped, passed over or left waiting
    /// for the run before it, as <see cref="SlotPlanner"/> decides, so a tick that comes late, or after the
    /// next slot's time, still runs every slot once.
    /// </summary>
    private async Task RunDueSlotsAsync()
    {
        var slots = ScheduleProgress.Slots(State);
        var now = await AtNextSlotAsync(slots);
        await ResumeStrandedRunsAsync();
        var catchUp = State.Definition!.TriggerConfig.Scheduled!.CatchUp;
        while (IsActiveScheduled)
        {
            var step = SlotPlanner.Next(slots, _schedule.HandledUntil(State), now, catchUp, options.Value.ScheduleGrace, running: Runs.Unfinished.Count > 0);
            if (step.Action is SlotAction.None or SlotAction.Wait)
            {
                return;
            }

            // The slot's record goes first and carries the slot's own id; the slot counts as handled only once
            // that record is stored, so a failure before leaves the slot to the retry and a crash after leaves
            // a record the next tick recognises: never a lost slot, never a second run of one.
            var slotRunId = ScheduleProgress.SlotExecutionId(State, step.Slot);
            if (step.Action == SlotAction.Skip && !Runs.HoldsRecent(slotRunId))
            {
                await RecordSkippedSlotAsync(slotRunId, step.Slot, now);
            }
            else if (step.Action == SlotAction.Run && !Runs.HoldsRecent(slotRunId))
            {
                metrics.SlotRunLate(now - slots.RunTimeOf(step.Slot));
                var (run, _) = NewRun(
                    ImmutableSortedDictionary<string, string>.Empty, now, startsAhead: _startsBeingWritten, dataPull: ScheduleProgress.DataPullFor(State, step.Slot), executionId: slotRunId);
                await StoreRunAsync(run, token: null, now);
            }

            var recorded = step.Action is SlotAction.Run or SlotAction.Skip;
            await _record!.UpdateAsync(current => _schedule.Handle(current, step.Slot, recorded));
        }
    }

    /// <summary>The time to handle slots at: now, or the next slot's time when the tick came a moment before it.</summary>
    private async Task<DateTimeOffset> AtNextSlotAsync(ScheduledSlots slots)
    {
        var now = time.GetUtcNow();
        if (slots.NextSlotAfter(_schedule.HandledUntil(State)) is { } slot && slots.RunTimeOf(slot) - now is var wait && wait > TimeSpan.Zero && wait <= EarlyTickWait)
        {
            await Task.Delay(wait, time);
            now = time.GetUtcNow();
        }

        return now;
    }

    /// <summary>
    /// After a scheduled run ends: a late slot that waited for it is handled, and the schedule's counts
    /// move on (<see cref="ScheduleProgress.AfterRun"/>); a flow suspended for its failures has its schedule silenced.
    /// </summary>
    private async Task AfterScheduledRunAsync(ExecutionRecord run, DateTimeOffset? resumeFrom = null)
    {
        if (IsActiveScheduled && NextScheduledRunAt() <= time.GetUtcNow())
        {
            // A late slot waited for this run to end.
            CheckSlotsAfter(TimeSpan.Zero);
        }

        var wasActive = IsActiveScheduled;
        try
        {
            await _record!.UpdateAsync(current => _schedule.AfterRun(current, run, resumeFrom));
            if (wasActive && !IsActiveScheduled)
            {
                await StopScheduleAsync();
            }
        }
        catch (Exception exception)
        {
            // The run's outcome is recorded already; the counts are recomputed from the next run's end.
            GrainsLog.ScheduleStateWriteFailed(logger, exception, Name);
        }
    }

    private async Task RecordSkippedSlotAsync(string executionId, DateTimeOffset slot, DateTimeOffset now)
    {
        var message = $"The slot of {slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} was skipped: the previous run was still in progress when its grace ({options.Value.ScheduleGrace:c}) ran out.";
        var record = new ExecutionRecord(
            executionId, ExecutionStatus.Skipped, now, now, ExecutionResult.Empty with { ErrorInfo = new ErrorInfo(0, message) });
        await Runs.StartAsync(new LedgerRun(record, Spec: null, LaunchedBy: null), token: null, now);
    }
}
