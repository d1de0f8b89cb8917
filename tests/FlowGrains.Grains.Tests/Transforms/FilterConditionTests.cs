using System.Text.Json.Nodes;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Condition filters at run time: each operator and data type, both sides of each bound, and records without a comparable value.</summary>
public sealed class FilterConditionTests
{
    private static bool Passes(string valueJson, string op, params (string Key, string Value)[] properties)
    {
        var record = valueJson == "missing" ? "{\"other\":1}" : $"{{\"v\":{valueJson}}}";
        return Run(record, Task("Filter", ["v"], op, properties: properties)) is not null;
    }

    [Theory]
    [InlineData("\"ann\"", "string", "ann", true)]
    [InlineData("\"Ann\"", "string", "ann", false)]
    [InlineData("42", "integer", "42", true)]
    [InlineData("\"42\"", "int", "42", true)]
    [InlineData("42.0", "long", "42", true)]
    [InlineData("43", "INTEGER", "42", false)]
    [InlineData("1.5", "double", "1.50", true)]
    [InlineData("\"1.5\"", "Decimal", "1.5", true)]
    [InlineData("true", "boolean", "true", true)]
    [InlineData("\"TRUE\"", "boolean", "true", true)]
    [InlineData("1", "boolean", "TRUE", true)]
    [InlineData("false", "boolean", "true", false)]
    [InlineData("\"2024-01-05T13:00:00Z\"", "date", "2024-01-05", true)]
    [InlineData("1704412800000", "date", "2024-01-05", true)]
    [InlineData("\"2024-01-05T00:00:00Z\"", "datetime", "1704412800000", true)]
    [InlineData("\"2024-01-05T02:00:00+02:00\"", "timestamp", "2024-01-05T00:00:00Z", true)]
    [InlineData("\"2024-01-05T00:00:00.001Z\"", "datetime", "2024-01-05T00:00:00Z", false)]
    public void EqualTo_ComparesAsTheDataType(string value, string dataType, string operand, bool passes) =>
        Assert.Equal(passes, Passes(value, "EQUAL_TO", ("DATA_TYPE", dataType), ("VALUE", operand)));

    [Fact]
    public void EqualTo_WithoutDataType_ComparesStrings() =>
        Assert.Equal([true, false], new[] { Passes("\"x\"", "EQUAL_TO", ("VALUE", "x")), Passes("\"X\"", "EQUAL_TO", ("VALUE", "x")) });

    [Theory]
    [InlineData("\"b\"", true)]
    [InlineData("\"c\"", false)]
    public void EqualTo_WithValues_PassesAnyOfThem(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "EQUAL_TO", ("VALUES", "[\"a\",\"b\"]")));

    [Theory]
    [InlineData("2", true)]
    [InlineData("\"3\"", true)]
    [InlineData("4", false)]
    public void EqualTo_WithIntegerValues_TakesNumbersOrNumericStrings(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "EQUAL_TO", ("DATA_TYPE", "integer"), ("VALUES", "[2,\"3\"]")));

    [Theory]
    [InlineData("\"bob\"", true)]
    [InlineData("\"ann\"", false)]
    public void NotEqualTo_WithValue(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "NOT_EQUAL_TO", ("VALUE", "ann")));

    [Theory]
    [InlineData("\"c\"", true)]
    [InlineData("\"a\"", false)]
    [InlineData("\"b\"", false)]
    public void NotEqualTo_WithValues_PassesNoneOfThem(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "NOT_EQUAL_TO", ("VALUES", "[\"a\",\"b\"]")));

    [Theory]
    [InlineData("9", true)]
    [InlineData("\"9\"", true)]
    [InlineData("10", false)]
    [InlineData("-11", true)]
    public void LessThan_Integer(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "LESS_THAN", ("DATA_TYPE", "integer"), ("VALUE", "10")));

    [Theory]
    [InlineData("1.6", true)]
    [InlineData("1.5", false)]
    [InlineData("\"1e3\"", true)]
    public void GreaterThan_Double(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "GREATER_THAN", ("DATA_TYPE", "double"), ("VALUE", "1.5")));

    [Theory]
    [InlineData("10", true)]
    [InlineData("11", false)]
    public void LessThanOrEqualTo_Integer(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "LESS_THAN_OR_EQUAL_TO", ("DATA_TYPE", "integer"), ("VALUE", "10")));

    [Theory]
    [InlineData("10", true)]
    [InlineData("9", false)]
    public void GreaterThanOrEqualTo_Integer(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "GREATER_THAN_OR_EQUAL_TO", ("DATA_TYPE", "integer"), ("VALUE", "10")));

    [Theory]
    [InlineData("\"b\"", true)]
    [InlineData("\"B\"", false)]
    [InlineData("\"a\"", false)]
    public void LessThan_String_OrdersOrdinally(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "GREATER_THAN", ("DATA_TYPE", "string"), ("VALUE", "a")));

    [Theory]
    [InlineData("1704067200001", true)]
    [InlineData("\"1704067200000\"", false)]
    [InlineData("\"2024-01-01T01:00:00+02:00\"", false)]
    [InlineData("\"2024-01-01T00:00:01Z\"", true)]
    public void GreaterThan_Datetime_ComparesInstants_FromEpochMillisecondsOrIso(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "GREATER_THAN", ("DATA_TYPE", "datetime"), ("VALUE", "2024-01-01T00:00:00Z")));

    [Theory]
    [InlineData("\"ann\"", "nn", true)]
    [InlineData("\"joanne\"", "nn", true)]
    [InlineData("\"ANN\"", "nn", false)]
    [InlineData("1234", "23", true)]
    [InlineData("1234", "32", false)]
    public void Contains_IsAnOrdinalSubstringTest_OnTheTextOfTheValue(string value, string operand, bool passes) =>
        Assert.Equal(passes, Passes(value, "CONTAINS", ("VALUE", operand)));

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("3", true)]
    [InlineData("4", false)]
    public void Between_Integer_IncludesBothBounds(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "BETWEEN", ("DATA_TYPE", "integer"), ("LOWER_BOUND", "1"), ("UPPER_BOUND", "3")));

    [Theory]
    [InlineData("\"2024-01-01\"", true)]
    [InlineData("1704067200000", true)]
    [InlineData("\"2024-01-31T23:59:59.999Z\"", true)]
    [InlineData("\"2023-12-31T23:59:59Z\"", false)]
    [InlineData("\"2024-02-01\"", false)]
    public void Between_Date_IncludesWholeBoundDays_FromIsoOrEpochMilliseconds(string value, bool passes) =>
        Assert.Equal(passes, Passes(value, "BETWEEN", ("DATA_TYPE", "date"), ("LOWER_BOUND", "2024-01-01"), ("UPPER_BOUND", "1706659200000")));

    [Theory]
    [InlineData("EQUAL_TO", "VALUE")]
    [InlineData("NOT_EQUAL_TO", "VALUE")]
    [InlineData("LESS_THAN", "VALUE")]
    [InlineData("GREATER_THAN", "VALUE")]
    [InlineData("CONTAINS", "VALUE")]
    public void MissingNullOrUnparsableFields_NeverPass(string op, string key)
    {
        var type = op == "CONTAINS" ? "string" : "integer";
        Assert.Equal(
            [false, false, false],
            new[] { "missing", "null", "{\"x\":1}" }.Select(value => Passes(value, op, ("DATA_TYPE", type), (key, "5"))));
        if (type == "integer")
        {
            Assert.False(Passes("\"five\"", op, ("DATA_TYPE", type), (key, "5")));
        }
    }

    [Fact]
    public void FieldsOfRecordsBuiltFromDotNetValues_CompareAsNumbers() =>
        Assert.Equal(
            "{\"v\":3.5}",
            Run(new JsonObject { ["v"] = 3.5m }, Task("Filter", ["v"], "BETWEEN", properties: [("DATA_TYPE", "double"), ("LOWER_BOUND", "3"), ("UPPER_BOUND", "4")])));
}
