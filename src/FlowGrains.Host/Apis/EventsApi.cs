using FlowGrains.Host.Auth;
using System.Text;
using System.Text.Json;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Host.Apis.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>
/// Events for Event flows: <c>POST /flows/{flowName}/events</c> with the event as its JSON body. An
/// <c>Idempotency-Key</c> header, or else an <c>eventId</c> string field of an object body, deduplicates it.
/// </summary>
internal static class EventsApi
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/flows/{flowName}/events", SendEvent)
            .WithTags("Events")
            .Accepts<JsonElement>("application/json")
            .RequireRole(AccessRole.Operator);
        return app;
    }

    public static async Task<Ok<ApiEnvelope<StartFlowData>>> SendEvent(string flowName, HttpRequest request, IGrainFactory grains)
    {
        var payload = await ReadPayloadAsync(request);
        var eventId = request.Headers["Idempotency-Key"].FirstOrDefault() ?? EventIdField(payload);
        var result = await grains.GetFlowGrain(flowName).SendEventAsync(new FlowEvent(payload, eventId));
        return TypedResults.Ok(ApiEnvelope.Ok(result.ToData()));
    }

    private static async Task<string> ReadPayloadAsync(HttpRequest request)
    {
        using var body = await RequestBody.ReadLimitedAsync(request, FlowEvent.MaxPayloadBytes);
        try
        {
            return StrictUtf8.GetString(body.GetBuffer(), 0, (int)body.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Errors.FlowOperationException.Invalid("body", "an event must be UTF-8 encoded.");
        }
    }

    private static string? EventIdField(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("eventId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            // The grain names what is wrong with the body.
            return null;
        }
    }
}
