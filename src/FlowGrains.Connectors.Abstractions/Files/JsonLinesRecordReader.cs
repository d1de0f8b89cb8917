using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Files;

/// <summary>Reads JSON lines: one JSON object per line; blank lines are skipped.</summary>
internal static class JsonLinesRecordReader
{
    public static async IAsyncEnumerable<JsonObject> ReadAsync(
        Stream stream, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseObject(sourceName, lineNumber, line);
            }
        }
    }

    private static JsonObject ParseObject(string sourceName, int lineNumber, string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject
                ?? throw new ConnectorException($"{sourceName} line {lineNumber}: not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new ConnectorException($"{sourceName} line {lineNumber}: invalid JSON.", exception);
        }
    }
}
