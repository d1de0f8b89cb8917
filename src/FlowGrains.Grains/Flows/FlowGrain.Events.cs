using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.Flows;

/// <summary>Event flows: one run per event, with eventIds deduplicated like clientTokens.</summary>
public sealed partial class FlowGrain
{
    /// <inheritdoc />
    public async Task<StartFlowResult> SendEventAsync(FlowEvent flowEvent)
    {
        var name = Name;
        ValidateEvent(flowEvent);
        EnsureExists();
        if (State.Definition!.TriggerConfig.TriggerType != TriggerType.Event)
        {
            throw new FlowOperationException(FlowErrorCode.UnsupportedOperation, $"Flow '{name}' is not an Event flow.");
        }

        if (State.Status != FlowStatus.Active)
        {
            throw new FlowOperationException(
                FlowErrorCode.Conflict, $"Flow '{name}' is {State.Status}; events are accepted only while it is Active, and this one was not queued.");
        }

        // A repeated eventId gets the first event's run, whatever its body, as an OnDemand clientToken does.
        var use = new TokenUse(Life, TokenOperations.Event, flowEvent.EventId, RequestFingerprint.Of(flowEvent.Payload), MismatchIsError: false);
        return await StartRunOnceAsync(use, ImmutableSortedDictionary<string, string>.Empty, flowEvent.Payload);
    }

    private static void ValidateEvent(FlowEvent? flowEvent)
    {
        if (flowEvent?.Payload is null)
        {
            throw FlowOperationException.Invalid("body", "an event needs a JSON body.");
        }

        if (flowEvent.EventId is { } eventId)
        {
            try
            {
                RequestRules.ClientToken(eventId);
            }
            catch (FlowOperationException)
            {
                throw FlowOperationException.Invalid("eventId", $"must be 1-{RequestRules.MaxClientTokenLength} printable ASCII characters (space to '~').");
            }
        }

        if (Encoding.UTF8.GetByteCount(flowEvent.Payload) > FlowEvent.MaxPayloadBytes)
        {
            throw FlowOperationException.Invalid("body", $"an event must be at most {FlowEvent.MaxPayloadBytes} bytes.");
        }

        JsonValueKind kind;
        try
        {
            // Duplicate keys are refused now, so the run never meets them.
            using var document = JsonDocument.Parse(flowEvent.Payload, new JsonDocumentOptions { AllowDuplicateProperties = false });
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException)
        {
            throw FlowOperationException.Invalid("body", "an event must be valid JSON without duplicate keys.");
        }

        if (kind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw FlowOperationException.Invalid("body", "an event must be a JSON object or array.");
        }
    }
}
