namespace FlowGrains.DataPlane.Transforms;

/// <summary>The value types a task can parse a field as (DATA_TYPE, SOURCE_DATA_TYPE, DESTINATION_DATA_TYPE).</summary>
internal enum FieldDataType
{
    String,
    Integer,
    Double,
    Boolean,
    Date,
    DateTime,
}

/// <summary>
/// Data type names as AppFlow and its connectors spell them, matched case-insensitively:
/// string/text/varchar/char, integer/int/long/bigint/short, double/decimal/float/number/numeric,
/// boolean/bool, date, datetime/timestamp/date-time.
/// </summary>
internal static class FieldDataTypes
{
    private static readonly Dictionary<string, FieldDataType> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string"] = FieldDataType.String,
        ["text"] = FieldDataType.String,
        ["varchar"] = FieldDataType.String,
        ["char"] = FieldDataType.String,
        ["integer"] = FieldDataType.Integer,
        ["int"] = FieldDataType.Integer,
        ["long"] = FieldDataType.Integer,
        ["bigint"] = FieldDataType.Integer,
        ["short"] = FieldDataType.Integer,
        ["double"] = FieldDataType.Double,
        ["decimal"] = FieldDataType.Double,
        ["float"] = FieldDataType.Double,
        ["number"] = FieldDataType.Double,
        ["numeric"] = FieldDataType.Double,
        ["boolean"] = FieldDataType.Boolean,
        ["bool"] = FieldDataType.Boolean,
        ["date"] = FieldDataType.Date,
        ["datetime"] = FieldDataType.DateTime,
        ["timestamp"] = FieldDataType.DateTime,
        ["date-time"] = FieldDataType.DateTime,
    };

    public static bool TryParse(string name, out FieldDataType type) => Names.TryGetValue(name.Trim(), out type);

    /// <summary>The canonical lower-case name used in messages.</summary>
    public static string Name(this FieldDataType type) => type switch
    {
        FieldDataType.DateTime => "datetime",
        _ => type.ToString().ToLowerInvariant(),
    };

    public const string SupportedNames = "string, integer, double, boolean, date, datetime";
}
