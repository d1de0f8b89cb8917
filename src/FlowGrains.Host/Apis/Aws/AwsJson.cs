using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// JSON as AppFlow's restJson1 protocol has it: the envelope's strictness (no unknown members, no coercion),
/// timestamps as epoch seconds, absent members left out rather than written as null.
/// </summary>
internal static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
