using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Errors;

namespace FlowGrains.DataPlane.Connectors;

/// <summary>
/// A source whose records are the event that started the run: the event's JSON object, or each object of
/// its JSON array. It takes no properties and can only be the source of an Event flow's run.
/// </summary>
public sealed class EventPayloadConnector : IFlowConnector
{
    /// <summary>The connector type name flows use.</summary>
    public const string TypeName = "EventPayload";

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => false;

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (properties.Keys.FirstOrDefault() is { } property)
        {
            throw FlowOperationException.Invalid($"{fieldPath}.{property}", "EventPayload takes no properties.");
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var payload = context.EventPayload ?? throw new ConnectorException("This run was not started by an event, so it has no EventPayload.");
        var records = JsonNode.Parse(payload) switch
        {
            JsonObject single => [single],
            JsonArray many => many.Select((item, i) => item as JsonObject
                ?? throw new ConnectorException($"Event item {i} is not a JSON object.")).ToList(),
            _ => throw new ConnectorException("The event is neither a JSON object nor an array."),
        };

        // Items of the parsed array keep their parent; detach them so tasks may move them into new records.
        var detached = records.Select(record => (JsonObject)record.DeepClone()).ToList();
        yield return new RecordBatch(detached, Encoding.UTF8.GetByteCount(payload));
    }

    /// <inheritdoc />
    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("EventPayload is a source only.");
}
