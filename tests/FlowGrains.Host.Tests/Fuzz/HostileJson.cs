using System.Text.Json.Nodes;

namespace FlowGrains.Host.Tests.Fuzz;

/// <summary>
/// Values chosen to break arithmetic and parsing on what a caller sends: numbers at and past the ends of
/// int, long and double, timestamps at the ends of the calendar, digits too long for any integer, empty,
/// blank and control text, and the wrong JSON kind. All choices come from one seeded <see cref="Random"/>.
/// </summary>
public static class HostileJson
{
    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "36000", "36001", "65536", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "1e308", "-1e308", "1e400", "1.5", "0.0001", "253402300800",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "0", "-1", "2147483648", "99999999999", "-99999999999", "1e400", "NaN", "Infinity", "-0", "1.5",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2199-12-31T23:59:59Z",
        "cron(0 0 ? * 99999999999 *)", "cron(99999999999 0 * * ? *)", "cron(0 0 31 2 ? *)", "cron(0/0 * * * ? *)", "cron(0 0 L-99999999999 * ? *)",
        "cron(0 0 ? * 7#99999999999 *)", "rate(999999999days)", "rate(0minutes)", "rate(1minutes)",
        "a\u0000b", "\r\n", "../../etc/passwd", "%", "%ZZ", "[", "{\"a\":", "[\"x\"]", "\uD800", "é", "${x}",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "-_-_", "Mars/Olympus", "Etc/GMT+12", "double", "datetime",
        "http://[::1]:99999/", "https://example.test:0/", "arn:aws:appflow:local:000000000000:flow/", "arn:",
    ];

    /// <summary>One hostile JSON value of any kind (null included).</summary>
    public static JsonNode? Value(Random random) => random.Next(10) switch
    {
        < 3 => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
        < 7 => JsonValue.Create(Texts[random.Next(Texts.Length)]),
        7 => random.Next(3) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(new string('9', 10 + random.Next(5000))),
        },
        8 => new JsonArray(Value(random), Value(random)),
        _ => new JsonObject { [Texts[random.Next(Texts.Length)]] = Value(random) },
    };

    /// <summary>
    /// <paramref name="body"/> with one change (sometimes two) at a random place: most often a string or number
    /// replaced by a hostile one of the same kind, so the body keeps its shape and reaches the deep rules; else a
    /// value of any kind, a property removed, or a hostile property added under an object.
    /// </summary>
    public static JsonNode Mutate(JsonNode body, Random random, IReadOnlyList<string> propertyNames)
    {
        var mutated = body.DeepClone();
        for (var changes = random.Next(4) == 0 ? 2 : 1; changes > 0; changes--)
        {
            var nodes = Walk(mutated).ToList();
            var (parent, key) = nodes[random.Next(nodes.Count)];
            var current = key switch
            {
                string name => parent[name],
                int index => parent[index],
                _ => null,
            };
            var replacement = random.Next(10) switch
            {
                < 6 when current is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
                < 6 when current is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Texts[random.Next(Texts.Length)]),
                _ => Value(random),
            };
            switch (random.Next(10), parent)
            {
                case (0, JsonObject obj) when key is string name:
                    obj.Remove(name);
                    break;
                case (1, JsonObject obj):
                    obj[propertyNames[random.Next(propertyNames.Count)]] = Value(random);
                    break;
                case (_, JsonObject obj) when key is string name:
                    obj[name] = replacement;
                    break;
                case (_, JsonArray array) when key is int index:
                    array[index] = replacement;
                    break;
            }
        }

        return mutated;
    }

    // Every place a value sits, as its container and its key or index; the root's container is the root itself.
    private static IEnumerable<(JsonNode Parent, object? Key)> Walk(JsonNode node)
    {
        yield return (node, null);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                    {
                        foreach (var inner in Walk(child).Skip(1))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Walk(child).Skip(1))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }
}
