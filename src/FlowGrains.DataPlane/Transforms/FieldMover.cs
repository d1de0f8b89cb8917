using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>Takes a node out of the input for the output: moved when nothing reads it later, else copied.</summary>
internal static class FieldMover
{
    // A node has one parent: detaching it (by nulling the input's slot) is much cheaper than DeepClone.
    public static JsonNode? Take(JsonObject input, string name, JsonNode? node, bool move)
    {
        if (node is null)
        {
            return null;
        }

        if (!move)
        {
            return node.DeepClone();
        }

        input[name] = null;
        return node;
    }
}
