using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Merge (CONCAT_FORMAT) and Arithmetic (each operator, MATH_OPERATION_FIELDS_ORDER, nulls and non-numbers).</summary>
public sealed class MergeArithmeticTests
{
    private const string Person = "{\"first\":\"ann\",\"last\":\"lee\",\"id\":7,\"gone\":null}";

    [Theory]
    [InlineData("${first} ${last}", "ann lee")]
    [InlineData("${last}, ${first} (${id})", "lee, ann (7)")]
    [InlineData("${first}${gone}|${missing}", "ann|")]
    [InlineData("$${first} costs $5", "$ann costs $5")]
    [InlineData("no placeholders", "no placeholders")]
    public void Merge_FillsConcatFormat(string format, string expected) =>
        Assert.Equal(
            $"{{\"out\":\"{expected}\"}}",
            Run(Person, Task("Merge", ["first", "last", "id", "gone", "missing"], "NO_OP", "out", ("CONCAT_FORMAT", format))));

    [Fact]
    public void Merge_WithoutConcatFormat_JoinsTheSourceFieldsWithNothingBetween() =>
        Assert.Equal("{\"out\":\"ann7lee\"}", Run(Person, Task("Merge", ["first", "id", "last"], destination: "out")));

    [Theory]
    [InlineData("ADDITION", "1.5", "\"2\"", "3.5")]
    [InlineData("SUBTRACTION", "10", "4", "6")]
    [InlineData("MULTIPLICATION", "\"2.5\"", "4", "10")]
    [InlineData("DIVISION", "10", "4", "2.5")]
    [InlineData("DIVISION", "1", "3", "0.3333333333333333333333333333")]
    [InlineData("DIVISION", "1", "0", "null")]
    [InlineData("DIVISION", "1", "\"0.0\"", "null")]
    [InlineData("MULTIPLICATION", "2e28", "4", "8E+28")]
    [InlineData("ADDITION", "1", "\"abc\"", "null")]
    [InlineData("ADDITION", "1", "null", "null")]
    [InlineData("ADDITION", "true", "1", "null")]
    public void Arithmetic_ComputesInDecimal_AndWritesNullWhenItCannot(string op, string a, string b, string expected) =>
        Assert.Equal($"{{\"out\":{expected}}}", Run($"{{\"a\":{a},\"b\":{b}}}", Task("Arithmetic", ["a", "b"], op, "out")));

    [Fact]
    public void Arithmetic_WithAMissingOperand_WritesNull() =>
        Assert.Equal("{\"out\":null}", Run("{\"a\":1}", Task("Arithmetic", ["a", "b"], "ADDITION", "out")));

    [Theory]
    [InlineData("[\"b\",\"a\"]", "-6")]
    [InlineData("b, a", "-6")]
    [InlineData("[\"a\",\"b\"]", "6")]
    public void Arithmetic_TakesOperandsInMathOperationFieldsOrder(string order, string expected) =>
        Assert.Equal(
            $"{{\"out\":{expected}}}",
            Run("{\"a\":10,\"b\":4}", Task("Arithmetic", ["a", "b"], "SUBTRACTION", "out", ("MATH_OPERATION_FIELDS_ORDER", order))));
}
