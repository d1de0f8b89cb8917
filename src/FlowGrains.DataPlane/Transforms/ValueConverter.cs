using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// Converts a Map task's value from SOURCE_DATA_TYPE to DESTINATION_DATA_TYPE (see
/// <see cref="TypedValue.TryConvert"/>). Without SOURCE_DATA_TYPE the type is the value's own (string, whole
/// number as integer, other number as double, boolean); without DESTINATION_DATA_TYPE it is the source type,
/// which still normalises the value (a numeric string read as integer becomes a JSON number, a datetime
/// becomes ISO 8601 UTC).
/// </summary>
internal sealed class ValueConverter(FieldDataType? source, FieldDataType destination)
{
    public FieldDataType Destination => destination;

    /// <summary>True when the value already has the destination form, so it can be moved as it is.</summary>
    public bool Keeps(JsonNode node) =>
        destination == FieldDataType.String && source is (null or FieldDataType.String) && JsonScalars.IsString(node);

    public bool TryConvert(JsonNode node, out JsonNode? converted)
    {
        converted = null;
        var from = source ?? OwnType(node);
        if (from is not { } type || !TypedValue.TryRead(node, type, out var value) || !value.TryConvert(type, destination, out var result))
        {
            return false;
        }

        converted = result.ToNode(destination);
        return true;
    }

    private static FieldDataType? OwnType(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => FieldDataType.String,
        JsonValueKind.True or JsonValueKind.False => FieldDataType.Boolean,
        JsonValueKind.Number => JsonScalars.TryReadInt64(node, out _) ? FieldDataType.Integer : FieldDataType.Double,
        _ => null,
    };
}
