using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Transforms;

namespace FlowGrains.Grains.Tests.Transforms;

public sealed class RecordTransformerTests
{
    private static FlowTask Task(string type, string[] fields, string? destination = null, string? exclude = null) =>
        new(type, [.. fields], ImmutableSortedDictionary<string, string>.Empty, destination,
            exclude is null ? ImmutableSortedDictionary<string, string>.Empty : ImmutableSortedDictionary<string, string>.Empty.Add("EXCLUDE_SOURCE_FIELDS_LIST", exclude));

    private static JsonObject Input() => new() { ["id"] = 1, ["name"] = "ann", ["secret"] = "s" };

    private static string Apply(params FlowTask[] tasks) => new RecordTransformer(tasks).Apply(Input()).ToJsonString();

    [Fact]
    public void NoTasks_PassTheRecordThroughWhole() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\",\"secret\":\"s\"}", Apply());

    [Fact]
    public void Projection_KeepsOnlyItsFields() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\"}", Apply(Task("Filter", ["id", "name"])));

    [Fact]
    public void Map_RenamesIntoTheDestinationField_AndOutputHoldsOnlyMappedFields() =>
        Assert.Equal("{\"customer\":\"ann\"}", Apply(Task("Map", ["name"], "customer")));

    [Fact]
    public void MapAll_CopiesEverythingButTheExcludedFields() =>
        Assert.Equal("{\"id\":1,\"name\":\"ann\"}", Apply(Task("Map_all", [], exclude: "[\"secret\"]")));

    [Fact]
    public void Passthrough_CopiesItsFieldsUnchanged() =>
        Assert.Equal("{\"secret\":\"s\"}", Apply(Task("Passthrough", ["secret"])));

    [Fact]
    public void ProjectionThenMap_MapsOnlyProjectedFields() =>
        Assert.Equal("{\"who\":\"ann\"}", Apply(Task("Filter", ["name"]), Task("Map", ["name"], "who"), Task("Map", ["secret"], "leak")));
}
