using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis;

/// <summary>The response envelope of every operation (start-flow.md).</summary>
public sealed record ApiEnvelope<T>(
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] T? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiError? Error);

/// <summary>The error part of a failed response.</summary>
public sealed record ApiError(string Code, string Message);

/// <summary>Builders for the envelope.</summary>
public static class ApiEnvelope
{
    /// <summary>A success carrying <paramref name="data"/>.</summary>
    public static ApiEnvelope<T> Ok<T>(T data) => new(true, data, null);

    /// <summary>A failure with an error code and message.</summary>
    public static ApiEnvelope<object> Fail(string code, string message) => new(false, null, new ApiError(code, message));
}
