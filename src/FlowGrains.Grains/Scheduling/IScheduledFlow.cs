using Orleans.Concurrency;

namespace FlowGrains.Grains.Scheduling;

/// <summary>Implemented by the flow grain: the wake-up its <see cref="SlotAlarm"/> sends at a slot's time.</summary>
public interface IScheduledFlow : IGrainWithStringKey
{
    /// <summary>Handles the slots due by now; nothing when none is, or the flow is not an active Scheduled flow.</summary>
    [OneWay]
    Task WakeForSlotsAsync();
}
