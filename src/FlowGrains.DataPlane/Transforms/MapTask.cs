using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Map task: copies one field to destinationField (default: the same name), converted when SOURCE_DATA_TYPE
/// or DESTINATION_DATA_TYPE is set. A missing field is not written, a null is written as null. A value that
/// cannot be converted stops the run with <see cref="TaskTerminatedFlowException"/> naming the record and field
/// (the value itself is left out of the message, which is stored with the run).
/// </summary>
internal sealed class MapTask(string path, string source, string destination, ValueConverter? converter) : IRecordOutput
{
    private bool _move;

    public IReadOnlyCollection<string>? FieldsRead { get; } = [source];

    /// <summary>The field it reads.</summary>
    public string Source => source;

    /// <summary>The field it writes.</summary>
    public string Destination => destination;

    /// <summary>Whether it writes the value as it is (no data type set), so a typed column can be passed on unread.</summary>
    public bool Copies => converter is null;

    public static MapTask Compile(TaskReader reader)
    {
        reader.Operator([NoOp], required: false);
        var source = reader.SingleSourceField();
        reader.AllowOnly(reader.TaskName);
        var from = reader.DataType(SourceDataType);
        var to = reader.DataType(DestinationDataType) ?? from;
        return new MapTask(reader.Path, source, reader.DestinationField(required: false) ?? source, to is { } type ? new ValueConverter(from, type) : null);
    }

    public void PlanMoves(LaterReads later) => _move = !later.Contains(source);

    public void Write(JsonObject input, JsonObject output, long position)
    {
        if (!input.TryGetPropertyValue(source, out var node))
        {
            return;
        }

        if (node is null || converter is null || converter.Keeps(node))
        {
            output[destination] = FieldMover.Take(input, source, node, _move);
        }
        else if (converter.TryConvert(node, out var converted))
        {
            output[destination] = converted;
        }
        else
        {
            throw new TaskTerminatedFlowException(
                $"Map task {path} could not convert field '{source}' of record {position} to {converter.Destination.Name()}.");
        }
    }
}
