using System.Text.Json.Nodes;
using FlowGrains.Connectors.Batches;
using FlowGrains.Connectors.Limits;
using FlowGrains.DataPlane.Executions;
using FlowGrains.DataPlane.Transforms;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Typed batches give exactly the records the JSON path gives, and fall back to it where they cannot.</summary>
public sealed class ColumnPlanTests
{
    private static ColumnBatch Batch()
    {
        var ids = new Column<long>(4, value => JsonValue.Create(value), _ => -1);
        var amounts = new Column<decimal>(4, value => JsonValue.Create(value), _ => -1);
        var names = new Column<string>(4, value => JsonValue.Create(value), value => value.Length);
        foreach (var (id, amount, name) in new (long, decimal?, string?)[] { (1, 5.5m, "ann"), (2, null, "bob"), (3, -1m, null), (4, 7m, "dee") })
        {
            ids.Add(id);
            if (amount is { } value) { amounts.Add(value); } else { amounts.AddNull(); }
            if (name is { } text) { names.Add(text); } else { names.AddNull(); }
        }

        return new ColumnBatch(["id", "amount", "name"], [ids, amounts, names], 4);
    }

    private static string Json(IEnumerable<JsonObject> records) => string.Join("\n", records.Select(record => record.ToJsonString()));

    [Fact]
    public void FilterAndMaps_GiveTheRecordsOfTheJsonPath()
    {
        var transformer = new RecordTransformer([
            Task("Filter", ["amount"], "GREATER_THAN_OR_EQUAL_TO", properties: [("DATA_TYPE", "double"), ("VALUE", "0")]),
            Task("Map", ["name"], "NO_OP", "who"),
            Task("Map", ["missing"], "NO_OP"),
            Task("Map", ["id"], "NO_OP"),
            Task("Map", ["amount"], "NO_OP", "who"),
        ]);
        var input = Batch();

        var typed = Json(transformer.Columnar!.Apply(input).ToRecords());

        Assert.Equal("{\"who\":5.5,\"id\":1}\n{\"who\":7,\"id\":4}", typed);
        Assert.Equal(Json(input.ToRecords().Select((record, i) => transformer.Apply(record, i + 1)).OfType<JsonObject>()), typed);
    }

    [Fact]
    public void FilterOnAMissingField_DropsEveryRecord() =>
        Assert.Equal(0, new RecordTransformer([Task("Filter", ["nope"], "NOT_EQUAL_TO", properties: ("VALUE", "x"))]).Columnar!.Apply(Batch()).Count);

    [Fact]
    public void ConvertingMap_HasNoTypedPlan() =>
        Assert.Null(new RecordTransformer([Task("Map", ["id"], "NO_OP", properties: ("DESTINATION_DATA_TYPE", "string"))]).Columnar);

    [Fact]
    public void Projection_HasNoTypedPlan() =>
        Assert.Null(new RecordTransformer([Task("Filter", ["id"], "PROJECTION")]).Columnar);

    [Fact]
    public void TypedRecordSize_IsTheJsonRecordsSize()
    {
        var batch = Batch();
        var records = batch.ToRecords();
        // Record 1 is {"id":1,"amount":5.5,"name":"ann"}: names 2+6+4, two numbers at 8, text 3 = 31.
        Assert.Equal(31, RecordSize.Measure(records[0], long.MaxValue));
        RecordSize.Check(batch, 0, 1, 31);

        var failure = Assert.Throws<RunLimitExceededException>(() => RecordSize.Check(batch, 0, 7, 30));
        Assert.Equal(Assert.Throws<RunLimitExceededException>(() => RecordSize.Check(records[0], 7, 30)).Message, failure.Message);
    }
}
