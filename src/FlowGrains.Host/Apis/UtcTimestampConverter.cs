using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis;

/// <summary>Writes timestamps as ISO 8601 UTC with a 'Z' and millisecond precision; reads any ISO 8601 offset.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
