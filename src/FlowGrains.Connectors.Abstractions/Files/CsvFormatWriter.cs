using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// Writes records as CSV. The columns are the fields of the first batch, in order of first
/// appearance; a field missing from a record is written empty, and fields first seen later are left out.
/// </summary>
internal sealed class CsvFormatWriter(Stream output) : IRecordFormatWriter
{
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
            _columns = FileFormats.FieldsInOrder(records);
            _text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
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

    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        await CloseCsvAsync();
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => CloseCsvAsync();

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
