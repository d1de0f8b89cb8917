using System.Text;
using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Mask task: replaces all, the first MASK_LENGTH or the last MASK_LENGTH text elements of the field with
/// MASK_VALUE (one text element, default "*"). Non-string values are masked on their JSON text and become
/// strings; a value shorter than MASK_LENGTH is masked whole.
/// </summary>
internal sealed class MaskTask(string field, string? destination, string op, string mask, int length)
    : FieldEditTask(field, destination)
{
    public static MaskTask Compile(TaskReader reader, string op)
    {
        var field = reader.SingleSourceField();
        var operation = $"a {op} mask";
        var mask = reader.Property(MaskValue) ?? "*";
        if (mask.Length == 0 || TextElements.Count(mask) != 1)
        {
            throw reader.Invalid(MaskValue, "must be exactly one character.");
        }

        var length = 0;
        if (op == MaskAll)
        {
            reader.AllowOnly(operation, MaskValue);
        }
        else
        {
            reader.AllowOnly(operation, MaskValue, MaskLength);
            length = reader.Integer(MaskLength, min: 1) ?? throw reader.Invalid(MaskLength, $"is required for {operation}.");
        }

        return new MaskTask(field, reader.DestinationField(required: false), op, mask, length);
    }

    protected override JsonNode Change(JsonNode node)
    {
        var text = JsonScalars.TextOf(node)!;
        var total = TextElements.Count(text);
        var masked = op switch
        {
            MaskAll => total,
            _ => Math.Min(length, total),
        };
        var builder = new StringBuilder(text.Length + (masked * mask.Length));
        if (op == MaskLastN)
        {
            builder.Append(text, 0, TextElements.IndexAfter(text, total - masked));
            builder.Insert(builder.Length, mask, masked);
        }
        else
        {
            var rest = TextElements.IndexAfter(text, masked);
            builder.Insert(0, mask, masked).Append(text, rest, text.Length - rest);
        }

        return JsonValue.Create(builder.ToString());
    }
}
