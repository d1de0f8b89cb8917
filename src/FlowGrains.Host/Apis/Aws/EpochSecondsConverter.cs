using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// Timestamps as AWS's JSON protocols carry them: seconds since the Unix epoch, with milliseconds as a
/// fraction. An ISO 8601 string is read too, for requests written by hand.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetDateTimeOffset();
        }

        var seconds = reader.GetDecimal();
        if (seconds is < -62135596800m or > 253402300799m)
        {
            throw new JsonException("A timestamp is out of range.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteRawValue((value.ToUnixTimeMilliseconds() / 1000m).ToString("0.###", CultureInfo.InvariantCulture), skipInputValidation: true);
}
