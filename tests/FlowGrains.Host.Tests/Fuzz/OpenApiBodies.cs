using System.Text.Json.Nodes;

namespace FlowGrains.Host.Tests.Fuzz;

/// <summary>
/// Request bodies built from the host's own OpenAPI document: every property of an operation's schema may
/// appear, with a value of its declared type taken from the hostile ones (or, now and then, of another
/// type), nested schemas followed a few levels deep. An operation added to the host is fuzzed without
/// anyone listing it here.
/// </summary>
public sealed class OpenApiBodies(JsonObject document)
{
    private const int Depth = 4;

    private JsonObject Schemas => document["components"]!["schemas"]!.AsObject();

    /// <summary>The paths of the POST operations whose body the document describes as JSON, with the schema of each.</summary>
    public IReadOnlyList<(string Path, JsonObject Schema)> Operations() =>
    [
        .. document["paths"]!.AsObject()
            .Where(path => path.Value!["post"]?["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject)
            .Select(path => (path.Key, path.Value!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject())),
    ];

    /// <summary>A body for <paramref name="schema"/>, using <paramref name="names"/> for the names of existing resources now and then.</summary>
    public JsonNode? Body(JsonObject schema, Random random, Func<string, string?> names) => Generate(schema, random, names, Depth);

    private JsonNode? Generate(JsonObject schema, Random random, Func<string, string?> names, int depth)
    {
        schema = Resolve(schema);
        if (depth == 0 || random.Next(12) == 0)
        {
            return HostileJson.Value(random);
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            var options = choices.OfType<JsonObject>().Where(choice => choice["$ref"] is not null).ToList();
            return options.Count == 0 || random.Next(6) == 0 ? null : Generate(options[random.Next(options.Count)], random, names, depth);
        }

        var types = schema["type"] switch
        {
            JsonArray list => list.Select(type => type!.GetValue<string>()).ToList(),
            JsonValue single => [single.GetValue<string>()],
            _ => schema["format"]?.GetValue<string>() == "date-time" ? ["date-time"] : ["object"],
        };
        var type = types.Where(candidate => candidate != "null").DefaultIfEmpty("null").First();
        return type switch
        {
            "object" => Object(schema, random, names, depth),
            "array" => new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => schema["items"] is JsonObject items ? Generate(items, random, names, depth - 1) : HostileJson.Value(random))]),
            _ => HostileJson.Value(random),
        };
    }

    private JsonObject Object(JsonObject schema, Random random, Func<string, string?> names, int depth)
    {
        var body = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? new JsonObject())
        {
            if (random.Next(5) < 3)
            {
                body[name] = names(name) is { } existing && random.Next(2) == 0
                    ? JsonValue.Create(existing)
                    : Generate(property!.AsObject(), random, names, depth - 1);
            }
        }

        // A free-form map (connector properties, task properties, tags): keys the host reads, hostile values.
        if (schema["additionalProperties"] is JsonObject values)
        {
            for (var count = random.Next(3); count > 0; count--)
            {
                body[FuzzSeeds.PropertyNames[random.Next(FuzzSeeds.PropertyNames.Count)]] =
                    values["type"]?.GetValue<string>() == "string" ? HostileJson.Value(random)?.ToJsonString().Trim('"') : Generate(values, random, names, depth - 1);
            }
        }

        return body;
    }

    private JsonObject Resolve(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? Schemas[reference.Split('/')[^1]]!.AsObject() : schema;
}
