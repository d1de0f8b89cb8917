namespace FlowGrains.Grains.Scheduling;

/// <summary>A schedule expression that cannot be used; the message names the problem for the caller.</summary>
public sealed class ScheduleFormatException(string message, Exception? innerException = null)
    : Exception(message, innerException);
