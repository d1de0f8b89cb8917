using System.Text.Json.Nodes;
using FlowGrains.DataPlane.Transforms;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Projection, Map_all, Passthrough, the output rule and the order in which task kinds run.</summary>
public sealed class RecordTransformerTests
{
    private const string Input = "{\"id\":1,\"name\":\"ann\",\"secret\":\"s\"}";

    [Fact]
    public void NoTasks_PassTheRecordThroughWhole() =>
        Assert.Equal(Input, Run(Input));

    [Fact]
    public void Projection_KeepsOnlyItsFields() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\"}", Run(Input, Task("Filter", ["id", "name"], "PROJECTION")));

    [Fact]
    public void TwoProjections_KeepTheUnionOfTheirFields() =>
        Assert.Equal("{\"id\":1,\"secret\":\"s\"}", Run(Input, Task("Filter", ["id"], "PROJECTION"), Task("Filter", ["secret"], "PROJECTION")));

    [Fact]
    public void Map_RenamesIntoTheDestinationField_AndOutputHoldsOnlyMappedFields() =>
        Assert.Equal("{\"customer\":\"ann\"}", Run(Input, Task("Map", ["name"], destination: "customer")));

    [Fact]
    public void Map_WithoutDestination_KeepsTheName() =>
        Assert.Equal("{\"name\":\"ann\"}", Run(Input, Task("Map", ["name"], "NO_OP")));

    [Fact]
    public void Map_OfAMissingField_WritesNothing_AndOfANull_WritesNull() =>
        Assert.Equal("{\"b\":null}", Run("{\"b\":null}", Task("Map", ["a"]), Task("Map", ["b"])));

    [Fact]
    public void TwoMapsOfOneField_BothGetTheValue() =>
        Assert.Equal("{\"a\":{\"x\":1},\"b\":{\"x\":1}}", Run("{\"n\":{\"x\":1}}", Task("Map", ["n"], destination: "a"), Task("Map", ["n"], destination: "b")));

    [Fact]
    public void MapAll_CopiesEverythingButTheExcludedFields() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\"}", Run(Input, Task("Map_all", [], properties: ("EXCLUDE_SOURCE_FIELDS_LIST", "[\"secret\"]"))));

    [Fact]
    public void MapAll_WithoutExclusions_CopiesEverything() =>
        Assert.Equal(Input, Run(Input, Task("Map_all", [], "NO_OP")));

    [Fact]
    public void MapAll_AndAMapOfTheSameField_BothGetTheValue() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\",\"secret\":\"s\",\"who\":\"ann\"}", Run(Input, Task("Map_all", []), Task("Map", ["name"], destination: "who")));

    [Fact]
    public void MapAll_OfRecordsBuiltFromDotNetValues_CopiesThem() =>
        Assert.Equal("{\"n\":2,\"s\":\"x\"}", Run(new JsonObject { ["n"] = 2, ["s"] = "x" }, Task("Map_all", [])));

    [Fact]
    public void Passthrough_CopiesItsFieldsUnchanged() =>
        Assert.Equal("{\"secret\":\"s\"}", Run(Input, Task("Passthrough", ["secret"])));

    [Fact]
    public void Passthrough_OfAFieldTwice_CopiesItOnce() =>
        Assert.Equal("{\"id\":1}", Run(Input, Task("Passthrough", ["id", "id"])));

    [Fact]
    public void ProjectionThenMap_MapsOnlyProjectedFields() =>
        Assert.Equal("{\"who\":\"ann\"}", Run(Input, Task("Filter", ["name"], "PROJECTION"), Task("Map", ["name"], destination: "who"), Task("Map", ["secret"], destination: "leak")));

    [Fact]
    public void Mask_RunsBeforeOutputTasks_WhateverTheTaskOrder() =>
        Assert.Equal("{\"who\":\"***\"}", Run(Input, Task("Map", ["name"], destination: "who"), Task("Mask", ["name"], "MASK_ALL")));

    [Fact]
    public void MaskWithDestination_WritesAFieldThatSurvivesProjection() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\",\"hidden\":\"***\"}", Run(Input, Task("Mask", ["name"], "MASK_ALL", "hidden"), Task("Filter", ["id", "name"], "PROJECTION")));

    [Fact]
    public void ConditionFilter_SeesFieldsThatProjectionRemoves() =>
        Assert.Equal("{\"id\":1}", Run(Input, Task("Filter", ["id"], "PROJECTION"), Task("Filter", ["name"], "EQUAL_TO", properties: ("VALUE", "ann"))));

    [Theory]
    [InlineData("{\"id\":1,\"name\":\"bob\"}", "{\"id\":1,\"name\":\"bob\"}")]
    [InlineData("{\"id\":2,\"name\":\"bob\"}", null)]
    [InlineData("{\"id\":1,\"name\":\"ann\"}", null)]
    public void TwoConditionFilters_AndTogether(string record, string? expected) =>
        Assert.Equal(expected, Run(
            record,
            Task("Filter", ["id"], "EQUAL_TO", properties: [("DATA_TYPE", "integer"), ("VALUE", "1")]),
            Task("Filter", ["name"], "EQUAL_TO", properties: ("VALUE", "bob"))));

    [Fact]
    public void AFilterThatDropsTheRecord_KeepsALaterTerminatingValidationFromSeeingIt() =>
        Assert.Null(Run(
            Input,
            Task("Filter", ["name"], "EQUAL_TO", properties: ("VALUE", "bob")),
            Task("Validate", ["missing"], "VALIDATE_NON_NULL", properties: ("VALIDATION_ACTION", "TerminateFlow"))));

    [Fact]
    public void ATerminatingValidation_BeforeAFilter_StopsTheRunEvenIfTheFilterWouldDropTheRecord()
    {
        var error = Assert.Throws<TaskTerminatedFlowException>(() => Run(
            Input,
            Task("Validate", ["missing"], "VALIDATE_NON_NULL", properties: ("VALIDATION_ACTION", "TerminateFlow")),
            Task("Filter", ["name"], "EQUAL_TO", properties: ("VALUE", "bob"))));

        Assert.Equal("Validate task tasks[0] (VALIDATE_NON_NULL) failed on record 1, field 'missing'.", error.Message);
    }
}
