using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Batches;
using FlowGrains.Connectors.Limits;

namespace FlowGrains.DataPlane.Executions;

/// <summary>
/// The size of one record as the record limit counts it: field names and text by their length, values parsed
/// from JSON by their encoded length, other values as 8. It is measured without copying any value, and
/// stops as soon as the limit is passed.
/// </summary>
internal static class RecordSize
{
    private const int ScalarSize = 8;

    /// <summary>Throws <see cref="RunLimitExceededException"/> when record number <paramref name="position"/> is over <paramref name="maxBytes"/>.</summary>
    public static void Check(JsonObject record, long position, long maxBytes)
    {
        if (Measure(record, maxBytes) > maxBytes)
        {
            throw RunLimitExceededException.Of($"Record {position}", maxBytes, "bytes", nameof(LimitsOptions.MaxRecordBytes));
        }
    }

    /// <summary>The same check for record <paramref name="record"/> (0-based) of a typed batch, measured as its JSON form would be.</summary>
    public static void Check(ColumnBatch batch, int record, long position, long maxBytes)
    {
        var row = batch.Row(record);
        long size = 0;
        for (var field = 0; field < batch.Columns.Count && size <= maxBytes; field++)
        {
            var column = batch.Columns[field];
            size += batch.Names[field].Length + (column.HoldsTrees ? Measure(column.ToNode(row), maxBytes - size) : column.ScalarSize(row));
        }

        if (size > maxBytes)
        {
            throw RunLimitExceededException.Of($"Record {position}", maxBytes, "bytes", nameof(LimitsOptions.MaxRecordBytes));
        }
    }

    /// <summary>The record's size, or a number past <paramref name="maxBytes"/> once it is passed.</summary>
    internal static long Measure(JsonNode? node, long maxBytes)
    {
        long size = 0;
        var pending = new Stack<JsonNode?>();
        pending.Push(node);
        while (pending.TryPop(out var current) && size <= maxBytes)
        {
            switch (current)
            {
                case JsonObject fields:
                    foreach (var (name, value) in fields)
                    {
                        size += name.Length;
                        pending.Push(value);
                    }

                    break;
                case JsonArray items:
                    foreach (var item in items)
                    {
                        pending.Push(item);
                    }

                    break;
                case JsonValue value:
                    size += SizeOf(value);
                    break;
            }
        }

        return size;
    }

    private static long SizeOf(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? JsonMarshal.GetRawUtf8Value(element).Length
        : value.TryGetValue<string>(out var text) ? text.Length
        : ScalarSize;
}
