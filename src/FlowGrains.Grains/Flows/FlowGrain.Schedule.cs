using System.Security.Cryptography;
using System.Text;
using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Scheduled runs. While a Scheduled flow is active, a reminder ticks every minute (the finest schedule);
/// each tick runs the slots that have come due since the last one handled. The last slot handled is stored
/// before its run starts, so a repeated tick, a tick on another silo or a retry never runs a slot twice.
/// </summary>
public sealed partial class FlowGrain : IRemindable
{
    private const string ScheduleReminder = "schedule";
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstTick = TimeSpan.FromSeconds(1);

    // A slot whose tick comes this late was missed (the service was down), not merely delayed.
    private static readonly TimeSpan MissedAfter = TimeSpan.FromMinutes(2);

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

        await RunDueSlotsAsync();
    }

    private bool IsActiveScheduled =>
        Exists && state.State.Status == FlowStatus.Active && state.State.Definition!.TriggerConfig.TriggerType == TriggerType.Scheduled;

    private ScheduledSlots Slots() =>
        new(state.State.Definition!.TriggerConfig.Scheduled!, state.State.ActivatedAt ?? state.State.LastUpdatedAt);

    private DateTimeOffset? NextScheduledRunAt()
    {
        if (!IsActiveScheduled)
        {
            return null;
        }

        var slots = Slots();
        return slots.NextSlotAfter(state.State.LastSlotAt ?? (state.State.ActivatedAt ?? time.GetUtcNow()).AddTicks(-1)) is { } slot
            ? slots.RunTimeOf(slot)
            : null;
    }

    // The first tick comes right after activation, so a rate flow's first slot (the activation itself) runs
    // promptly, yet from the schedule rather than inside the StartFlow call (start-flow.md).
    private Task StartScheduleAsync() => this.RegisterOrUpdateReminder(ScheduleReminder, FirstTick, Tick);

    /// <summary>After an update: an active Scheduled flow keeps (or gets) its reminder, any other flow has none.</summary>
    private Task FollowScheduleAsync() => IsActiveScheduled ? StartScheduleAsync() : StopScheduleAsync();

    private async Task StopScheduleAsync()
    {
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Handles every slot due by now. With catch-up Latest (the default) several missed slots make one
    /// run; with None only a slot that is due this minute runs. A slot that arrives while a run is still
    /// in progress is recorded as Skipped.
    /// </summary>
    private async Task RunDueSlotsAsync()
    {
        var now = time.GetUtcNow();
        var slots = Slots();
        var handled = state.State.LastSlotAt ?? (state.State.ActivatedAt ?? now).AddTicks(-1);
        DateTimeOffset? latest = null;
        for (var next = slots.NextSlotAfter(handled); next is { } due && slots.RunTimeOf(due) <= now; next = slots.NextSlotAfter(due))
        {
            latest = due;
        }

        if (latest is not { } slot)
        {
            return;
        }

        var catchUp = state.State.Definition!.TriggerConfig.Scheduled!.CatchUp ?? "Latest";
        var slotRunId = SlotExecutionId(slot);
        if ((catchUp == "None" && now - slots.RunTimeOf(slot) >= MissedAfter) || History.HoldsRecent(slotRunId))
        {
            // Missed under catch-up None, or already handled by a tick that died before storing LastSlotAt.
            await MarkSlotHandledAsync(slot);
            return;
        }

        // The slot's record goes first and carries the slot's own id; the slot counts as handled only once
        // that record is stored, so a failure before leaves the slot to the next tick and a crash after
        // leaves a record the next tick recognises: never a lost slot, never a second run of one.
        await SweepExpiredTokensAsync(now);
        await ResumeStrandedRunsAsync();
        if (History.Unfinished.Count > 0)
        {
            await RecordSkippedSlotAsync(slotRunId, slot, now);
            await MarkSlotHandledAsync(slot);
            return;
        }

        var run = await StartRunAsync(
            new StartFlowRequest(null, ImmutableSortedDictionary<string, string>.Empty), now, token: null, dataPull: DataPullFor(slot), executionId: slotRunId);
        await (run.Commit?.Invoke() ?? Task.CompletedTask);
        await MarkSlotHandledAsync(slot);
    }

    /// <summary>Stores the slot as handled; if the write fails, the slot stays handled here and goes out with the next write.</summary>
    private async Task MarkSlotHandledAsync(DateTimeOffset slot)
    {
        state.State.LastSlotAt = slot;
        await state.WriteStateAsync();
    }

    /// <summary>The id of the one record a slot gets (its run, or its skip): the same on every silo and after any restart.</summary>
    private string SlotExecutionId(DateTimeOffset slot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{state.State.Incarnation}/slot/{slot.UtcTicks}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>
    /// An incremental run pulls from where the last successful one ended (at first from firstExecutionFrom),
    /// so a failed or missed run's data is pulled by the next; a complete run pulls everything up to its slot.
    /// </summary>
    private DataPullWindow DataPullFor(DateTimeOffset slot)
    {
        var scheduled = state.State.Definition!.TriggerConfig.Scheduled!;
        return scheduled.DataPullMode == "Incremental"
            ? new DataPullWindow(state.State.PulledUntil ?? scheduled.FirstExecutionFrom, slot)
            : new DataPullWindow(null, slot);
    }


    /// <summary>
    /// After a scheduled run ends: a success moves the incremental pull forward and clears the failure
    /// count, and a failure that committed part of its window moves it to <paramref name="resumeFrom"/>; after <c>flowErrorDeactivationThreshold</c> failures in a row the flow is suspended, with a
    /// status message saying why, and its schedule silenced until StartFlow activates it again.
    /// </summary>
    private async Task AfterScheduledRunAsync(ExecutionRecord run, DateTimeOffset? resumeFrom = null)
    {
        // A run that ends after a stop still counts: its window was pulled, its failure happened.
        if (state.State.Definition!.TriggerConfig.TriggerType != TriggerType.Scheduled
            || run.ExecutionStatus is not (ExecutionStatus.Successful or ExecutionStatus.Error))
        {
            return;
        }

        var failures = run.ExecutionStatus == ExecutionStatus.Error ? state.State.ConsecutiveFailures + 1 : 0;
        var pulledTo = run.ExecutionStatus == ExecutionStatus.Successful ? run.DataPullEndTime
            : resumeFrom is { } resume && run.DataPullEndTime is { } end ? (resume < end ? resume : end)
            : null;
        var pulledUntil = pulledTo > state.State.PulledUntil.GetValueOrDefault() ? pulledTo : state.State.PulledUntil;
        if (failures == state.State.ConsecutiveFailures && pulledUntil == state.State.PulledUntil)
        {
            return;
        }

        (state.State.ConsecutiveFailures, state.State.PulledUntil) = (failures, pulledUntil);
        var deactivate = IsActiveScheduled && failures >= state.State.Definition!.TriggerConfig.Scheduled!.FlowErrorDeactivationThreshold;
        if (deactivate)
        {
            state.State.Status = FlowStatus.Suspended;
            state.State.StatusMessage = $"Deactivated after {failures} consecutive failed runs; start the flow to activate it again.";
            state.State.LastUpdatedAt = time.GetUtcNow();
        }

        try
        {
            await state.WriteStateAsync();
            if (deactivate)
            {
                await StopScheduleAsync();
            }
        }
        catch (Exception exception)
        {
            // The counts stay in memory and go out with the next write; the run's outcome is already recorded.
            GrainsLog.ScheduleStateWriteFailed(logger, exception, Name);
        }
    }

    private async Task RecordSkippedSlotAsync(string executionId, DateTimeOffset slot, DateTimeOffset now)
    {
        var message = $"The slot of {slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} was skipped: the previous run was still in progress.";
        var record = new ExecutionRecord(
            executionId, ExecutionStatus.Skipped, now, now, ExecutionResult.Empty with { ErrorInfo = new ErrorInfo(0, message) });
        await History.AppendAsync(record, token: null, PersistPagesAsync);
    }
}
