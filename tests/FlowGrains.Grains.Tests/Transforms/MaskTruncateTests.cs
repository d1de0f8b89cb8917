using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Mask and Truncate: each operator and property, non-strings, nulls, surrogate pairs and destination fields.</summary>
public sealed class MaskTruncateTests
{
    private static string? Mask(string valueJson, string op, params (string Key, string Value)[] properties) =>
        Run($"{{\"v\":{valueJson}}}", Task("Mask", ["v"], op, properties: properties));

    private static string? Truncate(string valueJson, string length) =>
        Run($"{{\"v\":{valueJson}}}", Task("Truncate", ["v"], "NO_OP", properties: ("TRUNCATE_LENGTH", length)));

    [Theory]
    [InlineData("\"secret\"", "MASK_ALL", null, null, "\"******\"")]
    [InlineData("\"secret\"", "MASK_ALL", "#", null, "\"######\"")]
    [InlineData("\"1234567890\"", "MASK_FIRST_N", null, "4", "\"****567890\"")]
    [InlineData("\"1234567890\"", "MASK_LAST_N", "X", "4", "\"123456XXXX\"")]
    [InlineData("\"abc\"", "MASK_FIRST_N", null, "5", "\"***\"")]
    [InlineData("\"abc\"", "MASK_LAST_N", null, "5", "\"***\"")]
    [InlineData("\"\"", "MASK_ALL", null, null, "\"\"")]
    [InlineData("12345", "MASK_FIRST_N", null, "2", "\"**345\"")]
    [InlineData("true", "MASK_ALL", null, null, "\"****\"")]
    [InlineData("\"a\\uD83D\\uDE00b\"", "MASK_LAST_N", null, "2", "\"a**\"")]
    [InlineData("\"a\\uD83D\\uDE00b\"", "MASK_FIRST_N", "\\uD83D\\uDD12", "1", "\"\\uD83D\\uDD12\\uD83D\\uDE00b\"")]
    [InlineData("null", "MASK_ALL", null, null, "null")]
    public void Mask_ReplacesTextElements(string value, string op, string? maskValue, string? maskLength, string expected)
    {
        var output = Mask(value, op, Given(("MASK_VALUE", maskValue is null ? null : Regex.Unescape(maskValue)), ("MASK_LENGTH", maskLength)));

        Assert.Equal(JsonNode.Parse($"{{\"v\":{expected}}}")!.ToJsonString(), output);
    }

    [Fact]
    public void Mask_OfAMissingField_LeavesItMissing() =>
        Assert.Equal("{\"w\":1}", Run("{\"w\":1}", Task("Mask", ["v"], "MASK_ALL")));

    [Fact]
    public void Mask_WithDestinationField_WritesThere_AndKeepsTheSource() =>
        Assert.Equal("{\"v\":\"abcd\",\"shown\":\"ab**\"}", Run("{\"v\":\"abcd\"}", Task("Mask", ["v"], "MASK_LAST_N", "shown", ("MASK_LENGTH", "2"))));

    [Theory]
    [InlineData("\"abcdef\"", "3", "\"abc\"")]
    [InlineData("\"abc\"", "3", "\"abc\"")]
    [InlineData("\"ab\"", "3", "\"ab\"")]
    [InlineData("\"abc\"", "0", "\"\"")]
    [InlineData("\"\\uD83D\\uDE00\\uD83D\\uDE01\\uD83D\\uDE02\"", "2", "\"\\uD83D\\uDE00\\uD83D\\uDE01\"")]
    [InlineData("1234567", "3", "1234567")]
    [InlineData("null", "3", "null")]
    public void Truncate_CutsStringsToTextElements_AndLeavesOtherValues(string value, string length, string expected) =>
        Assert.Equal(JsonNode.Parse($"{{\"v\":{expected}}}")!.ToJsonString(), Truncate(value, length));

    [Fact]
    public void Truncate_WithDestinationField_WritesThere_AndKeepsTheSource() =>
        Assert.Equal(
            "{\"v\":\"abcdef\",\"n\":5,\"short\":\"ab\",\"n2\":5}",
            Run("{\"v\":\"abcdef\",\"n\":5}", Task("Truncate", ["v"], destination: "short", properties: ("TRUNCATE_LENGTH", "2")), Task("Truncate", ["n"], destination: "n2", properties: ("TRUNCATE_LENGTH", "0"))));
}
