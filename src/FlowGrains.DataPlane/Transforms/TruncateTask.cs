using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Truncate task: a string longer than TRUNCATE_LENGTH text elements is cut to that many (a surrogate pair or
/// combined character is never split). Values that are not strings are left as they are.
/// </summary>
internal sealed class TruncateTask(string field, string? destination, int length) : FieldEditTask(field, destination)
{
    public static TruncateTask Compile(TaskReader reader)
    {
        reader.Operator([NoOp], required: false);
        var field = reader.SingleSourceField();
        reader.AllowOnly(reader.TaskName, TruncateLength);
        var length = reader.Integer(TruncateLength, min: 0) ?? throw reader.Invalid(TruncateLength, $"is required for {reader.TaskName}.");
        return new TruncateTask(field, reader.DestinationField(required: false), length);
    }

    protected override JsonNode Change(JsonNode node)
    {
        if (!JsonScalars.IsString(node))
        {
            return node;
        }

        var text = node.GetValue<string>();
        var end = text.Length <= length ? text.Length : TextElements.IndexAfter(text, length);
        return end == text.Length ? node : JsonValue.Create(text[..end]);
    }
}
