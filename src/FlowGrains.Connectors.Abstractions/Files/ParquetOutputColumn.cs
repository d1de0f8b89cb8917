using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet.Schema;

namespace FlowGrains.Connectors.Files;

/// <summary>The Parquet type an output column gets from the values of the first batch.</summary>
internal enum ParquetValueKind
{
    /// <summary>Every non-null value is a whole JSON number that fits 64 bits.</summary>
    Integer,
    /// <summary>Every non-null value is a JSON number, at least one not whole (or too large for 64 bits).</summary>
    Number,
    /// <summary>Every non-null value is true or false.</summary>
    Boolean,
    /// <summary>Strings, objects, arrays, values of different kinds, or nulls only: written as text.</summary>
    Text,
}

/// <summary>
/// One column of a Parquet output file: its name, the kind inferred from the first batch, and how later
/// values are converted into it. Every column is nullable, since any record may lack any field.
/// </summary>
internal sealed class ParquetOutputColumn(string name, ParquetValueKind kind)
{
    public string Name { get; } = name;

    public ParquetValueKind Kind { get; } = kind;

    public DataField Field { get; } = new(name, kind switch
    {
        ParquetValueKind.Integer => typeof(long),
        ParquetValueKind.Number => typeof(double),
        ParquetValueKind.Boolean => typeof(bool),
        _ => typeof(string),
    }, isNullable: true);

    /// <summary>The kind a column gets from the values it has in <paramref name="records"/>.</summary>
    public static ParquetValueKind Infer(string name, IReadOnlyList<JsonObject> records)
    {
        ParquetValueKind? kind = null;
        foreach (var record in records)
        {
            if (record[name] is not { } value)
            {
                continue;
            }

            var valueKind = KindOf(value);
            kind = (kind, valueKind) switch
            {
                (null, _) => valueKind,
                var (a, b) when a == b => a,
                (ParquetValueKind.Integer, ParquetValueKind.Number) or (ParquetValueKind.Number, ParquetValueKind.Integer) => ParquetValueKind.Number,
                _ => ParquetValueKind.Text,
            };
        }

        return kind ?? ParquetValueKind.Text;
    }

    /// <summary>Whether <paramref name="value"/> (not null) can be written to this column.</summary>
    public bool Accepts(JsonNode value) => (Kind, KindOf(value)) switch
    {
        (ParquetValueKind.Text, _) => true,
        (ParquetValueKind.Number, ParquetValueKind.Integer) => true,
        var (column, given) => column == given,
    };

    public long AsInteger(JsonNode value) => long.Parse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public double AsNumber(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool AsBoolean(JsonNode value) => value.GetValueKind() == JsonValueKind.True;

    public string AsText(JsonNode value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : value.ToJsonString();

    public static string Describe(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.Integer => "an integer",
        ParquetValueKind.Number => "a number",
        ParquetValueKind.Boolean => "a boolean",
        _ => "text",
    };

    public static ParquetValueKind KindOf(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => ParquetValueKind.Integer,
        JsonValueKind.Number => ParquetValueKind.Number,
        JsonValueKind.True or JsonValueKind.False => ParquetValueKind.Boolean,
        _ => ParquetValueKind.Text,
    };
}
