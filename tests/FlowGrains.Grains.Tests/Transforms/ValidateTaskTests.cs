using System.Text.Json.Nodes;
using FlowGrains.DataPlane.Transforms;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Validate tasks: each operator on each kind of value, DropRecord against TerminateFlow.</summary>
public sealed class ValidateTaskTests
{
    [Theory]
    [InlineData("VALIDATE_NON_NULL", "\"x\"", true)]
    [InlineData("VALIDATE_NON_NULL", "\"\"", true)]
    [InlineData("VALIDATE_NON_NULL", "0", true)]
    [InlineData("VALIDATE_NON_NULL", "null", false)]
    [InlineData("VALIDATE_NON_NULL", "missing", false)]
    [InlineData("VALIDATE_NON_ZERO", "1", true)]
    [InlineData("VALIDATE_NON_ZERO", "\"-0.5\"", true)]
    [InlineData("VALIDATE_NON_ZERO", "0", false)]
    [InlineData("VALIDATE_NON_ZERO", "\"0.00\"", false)]
    [InlineData("VALIDATE_NON_ZERO", "0.0", false)]
    [InlineData("VALIDATE_NON_ZERO", "\"abc\"", true)]
    [InlineData("VALIDATE_NON_ZERO", "null", true)]
    [InlineData("VALIDATE_NON_NEGATIVE", "0", true)]
    [InlineData("VALIDATE_NON_NEGATIVE", "\"3\"", true)]
    [InlineData("VALIDATE_NON_NEGATIVE", "-1", false)]
    [InlineData("VALIDATE_NON_NEGATIVE", "\"-0.5\"", false)]
    [InlineData("VALIDATE_NON_NEGATIVE", "-1e300", false)]
    [InlineData("VALIDATE_NON_NEGATIVE", "missing", true)]
    [InlineData("VALIDATE_NUMERIC", "12", true)]
    [InlineData("VALIDATE_NUMERIC", "\"12.5\"", true)]
    [InlineData("VALIDATE_NUMERIC", "\"1e3\"", true)]
    [InlineData("VALIDATE_NUMERIC", "\"abc\"", false)]
    [InlineData("VALIDATE_NUMERIC", "\"NaN\"", false)]
    [InlineData("VALIDATE_NUMERIC", "\"\"", false)]
    [InlineData("VALIDATE_NUMERIC", "true", false)]
    [InlineData("VALIDATE_NUMERIC", "[1]", false)]
    [InlineData("VALIDATE_NUMERIC", "null", true)]
    public void DropRecord_DropsRecordsThatFail(string op, string value, bool kept)
    {
        var record = value == "missing" ? "{\"w\":1}" : $"{{\"v\":{value}}}";

        var output = Run(record, Task("Validate", ["v"], op, properties: ("VALIDATION_ACTION", "DropRecord")));

        Assert.Equal(kept ? JsonNode.Parse(record)!.ToJsonString() : null, output);
    }

    [Fact]
    public void TerminateFlow_StopsTheRun_NamingTaskOperatorRecordAndField()
    {
        var transformer = new RecordTransformer([
            Task("Map_all", []),
            Task("Filter", ["id"], "PROJECTION"),
            Task("Validate", ["email"], "VALIDATE_NON_NULL", properties: ("VALIDATION_ACTION", "TerminateFlow")),
        ]);

        var first = transformer.Apply(new JsonObject { ["id"] = 1, ["email"] = "a@b" }, 16);
        var error = Assert.Throws<TaskTerminatedFlowException>(() => transformer.Apply(new JsonObject { ["id"] = 2, ["email"] = null }, 17));

        Assert.Equal("{\"id\":1}", first!.ToJsonString());
        Assert.Equal("Validate task tasks[2] (VALIDATE_NON_NULL) failed on record 17, field 'email'.", error.Message);
    }

    [Fact]
    public void TerminateFlow_LetsPassingRecordsThrough() =>
        Assert.Equal("{\"v\":5}", Run("{\"v\":5}", Task("Validate", ["v"], "VALIDATE_NON_NEGATIVE", properties: ("VALIDATION_ACTION", "terminateflow"))));
}
