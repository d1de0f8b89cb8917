using System.Diagnostics;
using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Telemetry;

/// <summary>A start's trace runs from the HTTP request through the grain call to the run and each batch it moves.</summary>
[Collection(TracingHostCollection.Name)]
public sealed class StartTraceTests(TracingHostFixture fixture)
{
    [Fact]
    public async Task AStartsTrace_LinksTheRequest_TheStart_TheRun_AndItsBatch()
    {
        var name = Api.NewName("traced");
        var input = Path.Combine(fixture.DataRoot, name, "in");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "rows.csv"), "id\n1\n2\n");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out"))).Status);

        var (_, started) = await fixture.Client.PostAsync("/start-flow", new { flowName = name });
        var executionId = started.Data()["executionId"]!.GetValue<string>();
        var run = await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Spans.FirstOrDefault(span => span.OperationName == "flowgrains.run" && Equals(span.GetTagItem("flowgrains.execution_id"), executionId))),
            span => span is not null,
            "the run's span to end");
        var spans = fixture.Spans.Where(span => span.TraceId == run!.TraceId).ToList();
        var start = spans.Single(span => span.OperationName == "flowgrains.start");
        var request = spans.Single(span => span.Kind == ActivityKind.Server && span.DisplayName.Contains("start-flow", StringComparison.Ordinal));
        var batch = spans.Single(span => span.OperationName == "flowgrains.batch");

        Assert.Equal(default, request.ParentSpanId);
        Assert.Equal(start.SpanId, run!.ParentSpanId);
        Assert.Equal(run.SpanId, batch.ParentSpanId);
        Assert.Equal(2, batch.GetTagItem("flowgrains.records"));
        Assert.Equal("Successful", run.GetTagItem("flowgrains.status"));
        Assert.Contains(spans, span => span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }
}
