using FlowGrains.Errors;

namespace FlowGrains.Contracts.Errors;

/// <summary>
/// How <see cref="FlowOperationException"/> crosses grain calls. The exception lives in a plain assembly so
/// connectors can throw it without Orleans; this surrogate keeps its code and message on the wire.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowOperationException")]
public readonly record struct FlowOperationExceptionSurrogate(
    [property: Id(0)] FlowErrorCode Code,
    [property: Id(1)] string Message);

/// <summary>Converts <see cref="FlowOperationException"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class FlowOperationExceptionConverter : IConverter<FlowOperationException, FlowOperationExceptionSurrogate>
{
    /// <inheritdoc />
    public FlowOperationException ConvertFromSurrogate(in FlowOperationExceptionSurrogate surrogate) => new(surrogate.Code, surrogate.Message);

    /// <inheritdoc />
    public FlowOperationExceptionSurrogate ConvertToSurrogate(in FlowOperationException value) => new(value.Code, value.Message);
}
