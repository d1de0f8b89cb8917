namespace FlowGrains.Grains.Scheduling;

/// <summary>What a scheduled flow does next with one of its slots.</summary>
public enum SlotAction
{
    /// <summary>No slot is due yet.</summary>
    None,

    /// <summary>Start the slot's run.</summary>
    Run,

    /// <summary>Record the slot as skipped: the flow's previous run was still under way when the slot's grace ran out.</summary>
    Skip,

    /// <summary>Count the slot as handled without a run: it was missed, and catch-up does not run it.</summary>
    PassOver,

    /// <summary>Leave the slot due: the flow's previous run is still under way, and the slot runs when it ends.</summary>
    Wait,
}

/// <summary>The next thing a scheduled flow does: <see cref="Action"/> on <see cref="Slot"/>.</summary>
public readonly record struct SlotStep(SlotAction Action, DateTimeOffset Slot);
