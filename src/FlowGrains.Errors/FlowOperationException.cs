namespace FlowGrains.Errors;

/// <summary>
/// A domain error raised by a flow operation or a connector. It crosses grain calls unchanged (FlowGrains.Contracts
/// carries it by a surrogate), so a co-hosted caller sees the same <see cref="Code"/> and message an HTTP caller
/// sees in the envelope.
/// </summary>
public sealed class FlowOperationException : Exception
{
    /// <summary>Creates the error with its code and a message meant for the caller.</summary>
    public FlowOperationException(FlowErrorCode code, string message) : base(message) => Code = code;

    /// <summary>The envelope code of this error.</summary>
    public FlowErrorCode Code { get; }

    /// <summary>A validation error naming <paramref name="field"/> and the rule it breaks.</summary>
    public static FlowOperationException Invalid(string field, string rule) =>
        new(FlowErrorCode.ValidationError, $"{field}: {rule}");

    /// <summary>The flow does not exist.</summary>
    public static FlowOperationException FlowNotFound(string flowName) =>
        new(FlowErrorCode.NotFound, $"Flow '{flowName}' does not exist.");
}
