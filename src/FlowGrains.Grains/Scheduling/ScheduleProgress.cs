using System.Security.Cryptography;
using System.Text;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// A Scheduled flow's progress through its slots: its slice of the flow's state (when it was activated,
/// the last slot handled, failures in a row, where the incremental pull stands) and the last slot this
/// activation handled, which is stored at most <see cref="SlotStoreLag"/> later since the slot's own
/// record already proves it handled. It decides; the flow grain stores what it decides and runs the slots.
/// </summary>
internal sealed class ScheduleProgress(TimeProvider time)
{
    // Well within the run ids an activation keeps at hand (RunLedger.RecentRuns) for any schedule.
    private static readonly TimeSpan SlotStoreLag = TimeSpan.FromMinutes(5);

    private DateTimeOffset? _handledSlot;

    /// <summary>Whether <paramref name="flow"/> is an active Scheduled flow.</summary>
    public static bool IsActive(FlowState flow) =>
        flow.Exists && flow.Status == FlowStatus.Active && flow.Definition!.TriggerConfig.TriggerType == TriggerType.Scheduled;

    /// <summary>The slots of the flow's schedule, counted from its activation.</summary>
    public static ScheduledSlots Slots(FlowState flow) =>
        new(flow.Definition!.TriggerConfig.Scheduled!, flow.ActivatedAt ?? flow.LastUpdatedAt);

    /// <summary>The latest slot handled: stored, or handled here since.</summary>
    public DateTimeOffset? LastHandled(FlowState flow) => _handledSlot > flow.LastSlotAt || flow.LastSlotAt is null ? _handledSlot : flow.LastSlotAt;

    /// <summary>No slot up to this one runs again.</summary>
    public DateTimeOffset HandledUntil(FlowState flow) => LastHandled(flow) ?? (flow.ActivatedAt ?? time.GetUtcNow()).AddTicks(-1);

    /// <summary>When the first slot not yet handled runs; in the past while a late slot waits for the run before it.</summary>
    public DateTimeOffset? NextRunAt(FlowState flow)
    {
        if (!IsActive(flow))
        {
            return null;
        }

        var slots = Slots(flow);
        return slots.NextSlotAfter(HandledUntil(flow)) is { } slot ? slots.RunTimeOf(slot) : null;
    }

    /// <summary>
    /// Counts <paramref name="slot"/> as handled; the state to store, or null when storing can wait: a slot
    /// with a record is known handled by that record, so storing it can go out with a later slot.
    /// </summary>
    public FlowState? Handle(FlowState flow, DateTimeOffset slot, bool recorded)
    {
        _handledSlot = slot;
        return recorded && flow.LastSlotAt is { } stored && slot - stored < SlotStoreLag ? null : flow with { LastSlotAt = slot };
    }

    /// <summary>Activation starts the schedule afresh: slots missed while the flow was not active are not owed.</summary>
    public FlowState Activate(FlowState flow, DateTimeOffset now)
    {
        _handledSlot = null;
        return flow with
        {
            Status = FlowStatus.Active,
            StatusMessage = null,
            LastUpdatedAt = now,
            ActivatedAt = now,
            LastSlotAt = null,
            ConsecutiveFailures = 0,
        };
    }

    /// <summary>
    /// An update carries the slots handled here into the stored state; a new schedule of an active flow
    /// starts from now, so a slot the old one already ran (or passed) does not run again.
    /// </summary>
    public FlowState Update(FlowState before, FlowState updated, DateTimeOffset now)
    {
        var handled = LastHandled(before);
        _handledSlot = null;
        var scheduleChanged = IsActive(before) && updated.Definition!.TriggerConfig.Scheduled != before.Definition!.TriggerConfig.Scheduled;
        return updated with { LastSlotAt = scheduleChanged && !(handled > now) ? now : handled };
    }

    /// <summary>The id of the one record a slot gets (its run, or its skip): the same on every silo and after any restart.</summary>
    public static string SlotExecutionId(FlowState flow, DateTimeOffset slot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{flow.Incarnation}/slot/{slot.UtcTicks}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>
    /// An incremental run pulls from where the last successful one ended (at first from firstExecutionFrom),
    /// so a failed or missed run's data is pulled by the next; a complete run pulls everything up to its slot.
    /// </summary>
    public static DataPullWindow DataPullFor(FlowState flow, DateTimeOffset slot)
    {
        var scheduled = flow.Definition!.TriggerConfig.Scheduled!;
        return scheduled.DataPullMode == "Incremental"
            ? new DataPullWindow(flow.PulledUntil ?? scheduled.FirstExecutionFrom, slot)
            : new DataPullWindow(null, slot);
    }

    /// <summary>
    /// After a scheduled run ends: a success moves the incremental pull forward and clears the failure
    /// count, and a failure that committed part of its window moves it to <paramref name="resumeFrom"/>;
    /// after <c>flowErrorDeactivationThreshold</c> failures in a row the flow is suspended, with a status
    /// message saying why. The state to store, or null when nothing changes.
    /// </summary>
    public FlowState? AfterRun(FlowState flow, ExecutionRecord run, DateTimeOffset? resumeFrom)
    {
        // A run that ends after a stop still counts: its window was pulled, its failure happened.
        if (flow.Definition!.TriggerConfig.TriggerType != TriggerType.Scheduled
            || run.ExecutionStatus is not (ExecutionStatus.Successful or ExecutionStatus.Error))
        {
            return null;
        }

        var failures = run.ExecutionStatus == ExecutionStatus.Error ? flow.ConsecutiveFailures + 1 : 0;

        // Only an incremental pull starts where the last one ended; a complete one has nothing to store.
        var pulledTo = flow.Definition.TriggerConfig.Scheduled?.DataPullMode != "Incremental" ? null
            : run.ExecutionStatus == ExecutionStatus.Successful ? run.DataPullEndTime
            : resumeFrom is { } resume && run.DataPullEndTime is { } end ? (resume < end ? resume : end)
            : null;
        var pulledUntil = pulledTo > flow.PulledUntil.GetValueOrDefault() ? pulledTo : flow.PulledUntil;
        if (failures == flow.ConsecutiveFailures && pulledUntil == flow.PulledUntil)
        {
            return null;
        }

        var next = flow with { ConsecutiveFailures = failures, PulledUntil = pulledUntil };
        return IsActive(flow) && failures >= flow.Definition.TriggerConfig.Scheduled!.FlowErrorDeactivationThreshold
            ? next with
            {
                Status = FlowStatus.Suspended,
                StatusMessage = $"Deactivated after {failures} consecutive failed runs; start the flow to activate it again.",
                LastUpdatedAt = time.GetUtcNow(),
            }
            : next;
    }
}
