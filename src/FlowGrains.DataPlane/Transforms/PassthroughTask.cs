using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>A Passthrough task: copies its source fields unchanged under the same names (missing ones are not written).</summary>
internal sealed class PassthroughTask(string[] fields) : IRecordOutput
{
    private bool[] _move = new bool[fields.Length];

    public IReadOnlyCollection<string>? FieldsRead => fields;

    public static PassthroughTask Compile(TaskReader reader)
    {
        reader.Operator([NoOp], required: false);
        reader.RequireSourceFields(min: 1);
        reader.AllowOnly(reader.TaskName);
        return new PassthroughTask([.. reader.Task.SourceFields.Distinct(StringComparer.Ordinal)]);
    }

    public void PlanMoves(LaterReads later) => _move = Array.ConvertAll(fields, field => !later.Contains(field));

    public void Write(JsonObject input, JsonObject output, long position)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (input.TryGetPropertyValue(fields[i], out var node))
            {
                output[fields[i]] = FieldMover.Take(input, fields[i], node, _move[i]);
            }
        }
    }
}
