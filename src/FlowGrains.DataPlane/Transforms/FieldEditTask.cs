using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A task that rewrites one field in place before output is built. With a destinationField the result goes
/// there and the source field keeps its value; otherwise the source field is replaced. A missing field is left
/// missing and a null stays null.
/// </summary>
internal abstract class FieldEditTask(string field, string? destination) : IRecordEdit
{
    public void Edit(JsonObject record)
    {
        if (!record.TryGetPropertyValue(field, out var node))
        {
            return;
        }

        var changed = node is null ? null : Change(node);
        if (destination is not null)
        {
            record[destination] = ReferenceEquals(changed, node) ? node?.DeepClone() : changed;
        }
        else if (!ReferenceEquals(changed, node))
        {
            record[field] = changed;
        }
    }

    /// <summary>The new value, or <paramref name="node"/> itself when it stays as it is.</summary>
    protected abstract JsonNode Change(JsonNode node);
}
