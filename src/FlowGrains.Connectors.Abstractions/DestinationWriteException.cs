namespace FlowGrains.Connectors;

/// <summary>
/// A destination refused records. <see cref="FailedRecords"/> becomes the run's <c>putFailuresCount</c>;
/// the message, which must be safe to show in the execution record, becomes its <c>executionMessage</c>.
/// </summary>
public sealed class DestinationWriteException(string message, long failedRecords, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>How many records of the batch were not written.</summary>
    public long FailedRecords { get; } = failedRecords;
}
