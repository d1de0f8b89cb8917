using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A field value parsed as a <see cref="FieldDataType"/>; the type travels beside it (in the task), not in it.
/// Integers, booleans (1/0) and instants (epoch milliseconds, UTC) are held as a long, doubles as a double,
/// strings as text.
/// </summary>
/// <remarks>
/// Parsing rules: integer accepts whole numbers (a JSON number or numeric string, "42.0" included);
/// double accepts any finite number; boolean accepts true/false (any case) and 1/0; date and datetime accept
/// epoch milliseconds (a number or numeric string) or an ISO 8601 string (no offset means UTC), and a date is
/// the UTC calendar day of that instant. Strings accept any scalar, a non-string by its JSON text.
/// </remarks>
internal readonly struct TypedValue
{
    private const long MillisecondsPerDay = 86_400_000;
    private static readonly long MinInstant = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxInstant = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly long _integer;
    private readonly double _real;
    private readonly string? _text;

    private TypedValue(long integer, double real, string? text)
    {
        _integer = integer;
        _real = real;
        _text = text;
    }

    public string Text => _text!;

    public static bool TryRead(JsonNode? node, FieldDataType type, out TypedValue value)
    {
        value = default;
        if (node is not JsonValue scalar)
        {
            return false;
        }

        var kind = scalar.GetValueKind();
        if (kind == JsonValueKind.String)
        {
            return TryParse(scalar.GetValue<string>(), type, out value);
        }

        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return type switch
            {
                FieldDataType.Boolean => FromInteger(kind == JsonValueKind.True ? 1 : 0, out value),
                FieldDataType.String => FromText(kind == JsonValueKind.True ? "true" : "false", out value),
                _ => false,
            };
        }

        return kind == JsonValueKind.Number && type switch
        {
            FieldDataType.String => FromText(scalar.ToJsonString(), out value),
            FieldDataType.Double => JsonScalars.TryReadDouble(scalar, out var real) && FromReal(real, out value),
            FieldDataType.Boolean => JsonScalars.TryReadInt64(scalar, out var flag) && flag is 0 or 1 && FromInteger(flag, out value),
            FieldDataType.Date or FieldDataType.DateTime => JsonScalars.TryReadInt64(scalar, out var instant) && FromInstant(instant, type, out value),
            _ => JsonScalars.TryReadInt64(scalar, out var integer) && FromInteger(integer, out value),
        };
    }

    public static bool TryParse(string text, FieldDataType type, out TypedValue value)
    {
        value = default;
        switch (type)
        {
            case FieldDataType.String:
                return FromText(text, out value);
            case FieldDataType.Integer:
                return JsonScalars.TryParseInt64(text, out var integer) && FromInteger(integer, out value);
            case FieldDataType.Double:
                return JsonScalars.TryParseDouble(text, out var real) && FromReal(real, out value);
            case FieldDataType.Boolean:
                var flag = text.Trim() switch
                {
                    "1" => 1,
                    "0" => 0,
                    var word when word.Equals("true", StringComparison.OrdinalIgnoreCase) => 1,
                    var word when word.Equals("false", StringComparison.OrdinalIgnoreCase) => 0,
                    _ => -1,
                };
                return flag >= 0 && FromInteger(flag, out value);
            default:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
                {
                    return FromInstant(epoch, type, out value);
                }

                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    && FromInstant(parsed.ToUnixTimeMilliseconds(), type, out value);
        }
    }

    /// <summary>Orders two values of the same <paramref name="type"/>: strings ordinally, the rest numerically.</summary>
    public static int Compare(in TypedValue left, in TypedValue right, FieldDataType type) => type switch
    {
        FieldDataType.String => string.CompareOrdinal(left._text, right._text),
        FieldDataType.Double => left._real.CompareTo(right._real),
        _ => left._integer.CompareTo(right._integer),
    };

    /// <summary>
    /// Converts a value of type <paramref name="from"/> to <paramref name="to"/>: instants become epoch
    /// milliseconds as numbers, booleans 1/0, and every other pair goes through the value's text.
    /// </summary>
    public bool TryConvert(FieldDataType from, FieldDataType to, out TypedValue converted)
    {
        converted = this;
        var fromInstant = from is FieldDataType.Date or FieldDataType.DateTime;
        return (from, to) switch
        {
            _ when from == to => true,
            (_, FieldDataType.String) => FromText(TextAs(from), out converted),
            (_, FieldDataType.Date or FieldDataType.DateTime) when fromInstant => FromInstant(_integer, to, out converted),
            (_, FieldDataType.Integer) when fromInstant || from == FieldDataType.Boolean => true,
            (_, FieldDataType.Double) when fromInstant || from is FieldDataType.Boolean or FieldDataType.Integer => FromReal(_integer, out converted),
            _ => TryParse(TextAs(from), to, out converted),
        };
    }

    /// <summary>The value as a JSON node of <paramref name="type"/>: dates as yyyy-MM-dd, datetimes as ISO 8601 UTC with milliseconds.</summary>
    public JsonNode ToNode(FieldDataType type) => type switch
    {
        FieldDataType.Integer => JsonValue.Create(_integer),
        FieldDataType.Double => JsonValue.Create(_real),
        FieldDataType.Boolean => JsonValue.Create(_integer != 0),
        _ => JsonValue.Create(TextAs(type)),
    };

    private string TextAs(FieldDataType type) => type switch
    {
        FieldDataType.String => _text!,
        FieldDataType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        FieldDataType.Double => _real.ToString("R", CultureInfo.InvariantCulture),
        FieldDataType.Boolean => _integer != 0 ? "true" : "false",
        FieldDataType.Date => DateTimeOffset.FromUnixTimeMilliseconds(_integer).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => DateTimeOffset.FromUnixTimeMilliseconds(_integer).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    private static bool FromText(string text, out TypedValue value)
    {
        value = new TypedValue(0, 0, text);
        return true;
    }

    private static bool FromInteger(long integer, out TypedValue value)
    {
        value = new TypedValue(integer, 0, null);
        return true;
    }

    private static bool FromReal(double real, out TypedValue value)
    {
        value = new TypedValue(0, real, null);
        return true;
    }

    // Instants outside what DateTimeOffset can show are refused here, so rendering one never fails later.
    private static bool FromInstant(long milliseconds, FieldDataType type, out TypedValue value)
    {
        if (milliseconds < MinInstant || milliseconds > MaxInstant)
        {
            value = default;
            return false;
        }

        if (type == FieldDataType.Date)
        {
            milliseconds -= ((milliseconds % MillisecondsPerDay) + MillisecondsPerDay) % MillisecondsPerDay;
        }

        value = new TypedValue(milliseconds, 0, null);
        return true;
    }
}
