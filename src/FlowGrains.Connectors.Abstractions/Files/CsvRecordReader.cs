using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CsvHelper;

namespace FlowGrains.Connectors.Files;

/// <summary>Reads CSV with a header row; every field becomes a string named by its header.</summary>
internal static class CsvRecordReader
{
    /// <summary>The names in the header row; empty for an empty file.</summary>
    public static async Task<string[]> ReadHeaderAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return await csv.ReadAsync() && csv.ReadHeader() && csv.HeaderRecord is { } header ? header : [];
    }

    public static async IAsyncEnumerable<JsonObject> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            yield break;
        }

        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = new JsonObject();
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = csv.GetField(i);
            }

            yield return record;
        }
    }
}
