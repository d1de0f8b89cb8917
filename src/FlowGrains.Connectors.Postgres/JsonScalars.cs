using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Reads a record's JSON value as the .NET value a column needs. Numbers convert from JSON numbers or from
/// strings holding them; timestamps from ISO 8601 strings (UTC when they carry no offset) or from JSON numbers
/// of milliseconds since the Unix epoch. A value that does not convert throws <see cref="FormatException"/>.
/// </summary>
internal static class JsonScalars
{
    private const NumberStyles Decimal = NumberStyles.Float;

    public static long ToInt64(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<short>(out var number) => number,
        JsonValue value when value.TryGetValue<decimal>(out var number) && decimal.IsInteger(number) => (long)number,
        JsonValue value when value.TryGetValue<double>(out var number) && double.IsInteger(number) => checked((long)number),
        _ => long.Parse(ToText(node), NumberStyles.Integer, CultureInfo.InvariantCulture),
    };

    public static decimal ToDecimal(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<decimal>(out var number) => number,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var number) => (decimal)number,
        _ => decimal.Parse(ToText(node), Decimal, CultureInfo.InvariantCulture),
    };

    public static double ToDouble(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<float>(out var number) => number,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<decimal>(out var number) => (double)number,
        _ => double.Parse(ToText(node), Decimal, CultureInfo.InvariantCulture),
    };

    public static bool ToBoolean(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => bool.Parse(ToText(node)),
    };

    /// <summary>Strings as they are; other scalars, objects and arrays as their JSON text.</summary>
    public static string ToText(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Deserialize<string>(value.ToJsonString())!,
        _ => node.ToJsonString(),
    };

    public static DateTime ToUtcDateTime(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<DateTimeOffset>(out var moment) => moment.UtcDateTime,
        JsonValue value when value.TryGetValue<DateTime>(out var moment) => DateTime.SpecifyKind(moment, DateTimeKind.Utc),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            DateTimeOffset.FromUnixTimeMilliseconds(ToInt64(value)).UtcDateTime,
        _ => DateTimeOffset.Parse(ToText(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime,
    };

    public static DateOnly ToDate(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<DateOnly>(out var date) ? date
        : DateOnly.TryParseExact(ToText(node), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) ? date
        : DateOnly.FromDateTime(ToUtcDateTime(node));

    public static Guid ToGuid(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<Guid>(out var id) ? id : Guid.Parse(ToText(node));

    public static byte[] ToBytes(JsonNode node) => Convert.FromBase64String(ToText(node));
}
