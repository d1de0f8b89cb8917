using System.Text.Json.Nodes;

namespace FlowGrains.Connectors.Batches;

/// <summary>
/// Records as columns: a schema (field names, in record order) and one <see cref="Column"/> per field, with an
/// optional selection of the columns' rows (what a filter kept), so neither filtering nor renaming copies values.
/// Every record of the batch has every field; a null value is a field that is present and null.
/// </summary>
public sealed class ColumnBatch
{
    private readonly Dictionary<string, int> _indexes;
    private readonly int[]? _selection;

    /// <param name="names">Field names, distinct.</param>
    /// <param name="columns">One column per name, each holding at least <paramref name="count"/> rows (or the selected ones).</param>
    /// <param name="count">How many records the batch holds.</param>
    /// <param name="selection">Which rows of the columns are the records, in order; null for the first <paramref name="count"/>.</param>
    /// <exception cref="ArgumentException">Two fields have the same name, as a record cannot.</exception>
    public ColumnBatch(IReadOnlyList<string> names, IReadOnlyList<Column> columns, int count, int[]? selection = null)
    {
        _indexes = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!_indexes.TryAdd(names[i], i))
            {
                throw new ArgumentException($"An item with the same key has already been added. Key: {names[i]}", nameof(names));
            }
        }

        (Names, Columns, Count, _selection) = (names, columns, count, selection);
    }

    /// <summary>The field names, in the order a record holds them.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>How many records the batch holds.</summary>
    public int Count { get; }

    /// <summary>The column of field <paramref name="name"/>, or null when the records lack it.</summary>
    public Column? Find(string name) => _indexes.TryGetValue(name, out var index) ? Columns[index] : null;

    /// <summary>The column row that holds record <paramref name="record"/> (0-based).</summary>
    public int Row(int record) => _selection is null ? record : _selection[record];

    /// <summary>The same columns with only the records at <paramref name="records"/> (0-based, ascending).</summary>
    public ColumnBatch Select(int[] records, int count)
    {
        if (_selection is not null)
        {
            for (var i = 0; i < count; i++)
            {
                records[i] = _selection[records[i]];
            }
        }

        return new ColumnBatch(Names, Columns, count, records);
    }

    /// <summary>The same rows under another schema: <paramref name="names"/> and <paramref name="columns"/> taken from this batch.</summary>
    public ColumnBatch With(IReadOnlyList<string> names, IReadOnlyList<Column> columns) => new(names, columns, Count, _selection);

    /// <summary>The records as JSON objects, as a schema-less source would have made them.</summary>
    public List<JsonObject> ToRecords()
    {
        var records = new List<JsonObject>(Count);
        for (var record = 0; record < Count; record++)
        {
            var row = Row(record);
            var json = new JsonObject();
            for (var field = 0; field < Columns.Count; field++)
            {
                json.Add(Names[field], Columns[field].ToNode(row));
            }

            records.Add(json);
        }

        return records;
    }
}
