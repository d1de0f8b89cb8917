using FlowGrains.DataPlane.Transforms;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Map with SOURCE_DATA_TYPE / DESTINATION_DATA_TYPE: each conversion, nulls, and values that cannot convert.</summary>
public sealed class MapConversionTests
{
    private static string? Convert(string valueJson, string? from, string? to) =>
        Run($"{{\"v\":{valueJson}}}", Task("Map", ["v"], "NO_OP", "out", Given(("SOURCE_DATA_TYPE", from), ("DESTINATION_DATA_TYPE", to))));

    [Theory]
    [InlineData("\"42\"", "string", "integer", "42")]
    [InlineData("\" 42 \"", "string", "long", "42")]
    [InlineData("42", "integer", "string", "\"42\"")]
    [InlineData("42", null, "string", "\"42\"")]
    [InlineData("\"1.5\"", "string", "double", "1.5")]
    [InlineData("42.0", "double", "integer", "42")]
    [InlineData("42", "integer", "double", "42")]
    [InlineData("\"TRUE\"", "string", "boolean", "true")]
    [InlineData("\"0\"", "string", "boolean", "false")]
    [InlineData("true", "boolean", "integer", "1")]
    [InlineData("true", null, "string", "\"true\"")]
    [InlineData("\"2024-01-01T00:00:00Z\"", "datetime", "integer", "1704067200000")]
    [InlineData("\"2024-01-01T02:00:00+02:00\"", "string", "datetime", "\"2024-01-01T00:00:00.000Z\"")]
    [InlineData("1704067200000", "integer", "datetime", "\"2024-01-01T00:00:00.000Z\"")]
    [InlineData("\"1704067200123\"", "datetime", "timestamp", "\"2024-01-01T00:00:00.123Z\"")]
    [InlineData("\"2024-01-01T22:00:00Z\"", "datetime", "date", "\"2024-01-01\"")]
    [InlineData("\"2024-01-01\"", "date", "datetime", "\"2024-01-01T00:00:00.000Z\"")]
    [InlineData("\"2024-01-01T22:00:00Z\"", "datetime", "string", "\"2024-01-01T22:00:00.000Z\"")]
    [InlineData("\"42\"", "integer", null, "42")]
    [InlineData("\"x\"", "string", "string", "\"x\"")]
    [InlineData("\"x\"", "Text", "VARCHAR", "\"x\"")]
    public void ConvertsTheValue(string value, string? from, string? to, string expected) =>
        Assert.Equal($"{{\"out\":{expected}}}", Convert(value, from, to));

    [Fact]
    public void Null_StaysNull() =>
        Assert.Equal("{\"out\":null}", Convert("null", "string", "integer"));

    [Fact]
    public void AMissingField_IsNotWritten() =>
        Assert.Equal("{}", Run("{}", Task("Map", ["v"], destination: "out", properties: ("DESTINATION_DATA_TYPE", "integer"))));

    [Theory]
    [InlineData("\"abc\"", "string", "integer", "integer")]
    [InlineData("42.5", "double", "integer", "integer")]
    [InlineData("\"yes\"", "string", "boolean", "boolean")]
    [InlineData("\"soon\"", "string", "datetime", "datetime")]
    [InlineData("\"42\"", "integer", "boolean", "boolean")]
    [InlineData("{\"a\":1}", null, "string", "string")]
    [InlineData("\"abc\"", "integer", "string", "string")]
    public void AValueThatCannotConvert_StopsTheRunNamingTaskRecordAndField(string value, string? from, string to, string typeName)
    {
        var error = Assert.Throws<TaskTerminatedFlowException>(() => Convert(value, from, to));

        Assert.Equal($"Map task tasks[0] could not convert field 'v' of record 1 to {typeName}.", error.Message);
    }
}
