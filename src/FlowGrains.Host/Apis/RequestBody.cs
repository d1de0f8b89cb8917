using System.Text.Json;
using FlowGrains.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FlowGrains.Host.Apis;

/// <summary>
/// Reads a JSON request body strictly: at most <see cref="MaxBytes"/>, no unknown fields, no type
/// coercion. Every failure is a validation error that names the offending field.
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : new()
    {
        // A form or a plain-text post (what a web page can send across origins without asking) is refused.
        if (!request.HasJsonContentType())
        {
            throw FlowOperationException.Invalid("Content-Type", "must be application/json.");
        }

        return await ReadJsonAsync<T>(request, request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
    }

    /// <summary>The body read with <paramref name="options"/> under the same limits and errors, whatever its Content-Type; an empty body is a new <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : new()
    {
        using var buffer = await ReadLimitedAsync(request, MaxBytes);
        if (buffer.Length == 0)
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options)
                ?? throw FlowOperationException.Invalid("body", "must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw FlowOperationException.Invalid(FieldOf(exception), Rule(exception));
        }
    }

    /// <summary>The request body, or a validation error naming the body when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream> ReadLimitedAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // Already read into memory (the SigV4 check hashes the body first): served from there, not copied.
        if (request.Body is MemoryStream { Position: 0 } buffered && buffered.TryGetBuffer(out var bytes) && bytes.Offset == 0)
        {
            return bytes.Count > maxBytes ? throw TooLarge(maxBytes) : new MemoryStream(bytes.Array!, 0, bytes.Count, writable: false, publiclyVisible: true);
        }

        var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 0);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await buffer.DisposeAsync();
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer;
    }

    private static FlowOperationException TooLarge(int maxBytes) =>
        FlowOperationException.Invalid("body", $"must be at most {maxBytes} bytes.");

    private static string FieldOf(JsonException exception)
    {
        var path = exception.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return UnmappedField(exception) ?? "body";
        }

        // For an unknown property the path already ends with its name.
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    // System.Text.Json names an unknown property only inside its message; pick it out to name the field.
    private static string? UnmappedField(JsonException exception)
    {
        const string marker = "The JSON property '";
        var message = exception.Message;
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string Rule(JsonException exception) =>
        UnmappedField(exception) is not null
            ? "is not a recognised field."
            : exception.LineNumber is null
                ? "malformed JSON."
                : "has the wrong type, or the JSON is malformed here.";
}
