using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>
/// Writes records as CSV. The columns are the fields of the first batch, in order of first
/// appearance; a field missing from a record is written empty.
/// </summary>
internal sealed class CsvRecordWriter(string finalPath) : IRecordWriter
{
    private readonly StagedOutputFile _file = new(finalPath);
    private StreamWriter? _text;
    private CsvWriter? _csv;
    private List<string>? _columns;

    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (_csv is null)
        {
            _columns = records.SelectMany(record => record.Select(field => field.Key)).Distinct(StringComparer.Ordinal).ToList();
            _text = new StreamWriter(_file.Stream, new UTF8Encoding(false), leaveOpen: true);
            _csv = new CsvWriter(_text, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (var column in _columns)
            {
                _csv.WriteField(column);
            }

            await _csv.NextRecordAsync();
        }

        foreach (var record in records)
        {
            foreach (var column in _columns!)
            {
                _csv.WriteField(FieldText(record[column]));
            }

            await _csv.NextRecordAsync();
        }
    }

    public async ValueTask<long> CompleteAsync(CancellationToken cancellationToken)
    {
        await CloseCsvAsync();
        return await _file.PublishAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseCsvAsync();
        await _file.DisposeAsync();
    }

    private async ValueTask CloseCsvAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync();
            await _text!.DisposeAsync();
            _csv = null;
            _text = null;
        }
    }

    private static string FieldText(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
