using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// Reads numbers and text out of record values, whichever way the connector built them: values parsed from
/// JSON convert between numeric types, values created from .NET primitives only to their own type, so each
/// reader tries the common primitives before falling back to the value's JSON text.
/// Numeric strings count as numbers (invariant culture); NaN and infinities never do.
/// </summary>
internal static class JsonScalars
{
    private const NumberStyles Number = NumberStyles.Float;

    public static bool TryReadDecimal(JsonNode? node, out decimal number) => TryReadNumber(node, out number);

    public static bool TryReadDouble(JsonNode? node, out double number) => TryReadNumber(node, out number);

    /// <summary>Reads a whole number: an integer, or a decimal with no fraction that fits a long.</summary>
    public static bool TryReadInt64(JsonNode? node, out long number)
    {
        number = 0;
        if (node is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return TryParseInt64(value.GetValue<string>(), out number);
            case JsonValueKind.Number:
                return value.TryGetValue(out number) || TryGetInt32(value, out number)
                    || (TryReadDecimal(value, out var exact) && TryWhole(exact, out number));
            default:
                return false;
        }
    }

    public static bool TryParseInt64(string text, out long number) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number)
        || (decimal.TryParse(text, Number, CultureInfo.InvariantCulture, out var exact) && TryWhole(exact, out number));

    public static bool TryParseDouble(string text, out double number) =>
        double.TryParse(text, Number, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>The sign of a numeric value (JSON number or numeric string); false when it is not numeric.</summary>
    public static bool TryReadSign(JsonNode? node, out int sign)
    {
        if (TryReadDecimal(node, out var exact))
        {
            sign = Math.Sign(exact);
            return true;
        }

        if (TryReadDouble(node, out var real))
        {
            sign = Math.Sign(real);
            return true;
        }

        sign = 0;
        return false;
    }

    /// <summary>A value as text: strings as they are, other values as their JSON; null for a JSON null.</summary>
    public static string? TextOf(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    private static bool TryReadNumber<T>(JsonNode? node, out T number)
        where T : struct, INumber<T>
    {
        number = T.Zero;
        if (node is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return T.TryParse(value.GetValue<string>(), Number, CultureInfo.InvariantCulture, out number) && T.IsFinite(number);
            case JsonValueKind.Number:
                if (value.TryGetValue(out number))
                {
                    return T.IsFinite(number);
                }

                if (value.TryGetValue(out long integer) || TryGetInt32(value, out integer))
                {
                    number = T.CreateChecked(integer);
                    return true;
                }

                if (value.TryGetValue(out decimal exact))
                {
                    number = T.CreateChecked(exact);
                    return true;
                }

                return T.TryParse(value.ToJsonString(), Number, CultureInfo.InvariantCulture, out number) && T.IsFinite(number);
            default:
                return false;
        }
    }

    private static bool TryGetInt32(JsonValue value, out long number)
    {
        var ok = value.TryGetValue(out int small);
        number = small;
        return ok;
    }

    private static bool TryWhole(decimal exact, out long number)
    {
        var whole = exact == decimal.Truncate(exact) && exact >= long.MinValue && exact <= long.MaxValue;
        number = whole ? (long)exact : 0;
        return whole;
    }
}
