using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>
/// The inputs that once got a 500, sent as the probes sent them: each is now a 400 naming the field, on
/// both wires, and nothing is created.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ProbedServerErrorTests(HostFixture fixture)
{
    private const string Scheduled = "triggerConfig.triggerProperties.Scheduled";

    private static JsonObject ScheduledFlow(string name, JsonObject scheduled)
    {
        var flow = AwsApi.LocalFolderFlow(name, $"{name}/in", $"{name}/out");
        flow["triggerConfig"] = new JsonObject
        {
            ["triggerType"] = "Scheduled",
            ["triggerProperties"] = new JsonObject { ["Scheduled"] = scheduled },
        };
        return flow;
    }

    private static JsonObject HugeDayOfWeek() => new() { ["scheduleExpression"] = "cron(0 0 ? * 99999999999 *)" };

    private static JsonObject StartAtTheEndOfTime() => new()
    {
        ["scheduleExpression"] = "rate(5minutes)",
        ["scheduleStartTime"] = "9999-12-31T23:59:00Z",
        ["scheduleOffset"] = 36000,
    };

    public static TheoryData<string, string> Probes => new()
    {
        { nameof(HugeDayOfWeek), $"{Scheduled}.scheduleExpression" },
        { nameof(StartAtTheEndOfTime), $"{Scheduled}.scheduleStartTime" },
    };

    private static JsonObject Probe(string probe) => probe == nameof(HugeDayOfWeek) ? HugeDayOfWeek() : StartAtTheEndOfTime();

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_OnTheEnvelopeWire_IsValidationErrorNamingTheField(string probe, string field)
    {
        var name = Api.NewName("probe");
        var flow = Envelope(ScheduledFlow(name, Probe(probe)));

        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", flow.ToJsonString());
        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.StartsWith(field + ": ", envelope.Message());
        Assert.Equal("NOT_FOUND", described.Code());
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_OnTheAwsWire_IsValidationExceptionNamingTheField(string probe, string field)
    {
        var name = Api.NewName("probe");

        var created = await fixture.Client.AwsPostAsync("/create-flow", ScheduledFlow(name, Probe(probe)).ToJsonString());
        var described = await fixture.Client.AwsPostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Equal("ValidationException", created.ErrorType);
        Assert.StartsWith(field + ": ", created.Message);
        Assert.Equal("ResourceNotFoundException", described.ErrorType);
    }

    [Fact]
    public async Task ProbedStartTime_OnUpdate_IsRefused_AndTheFlowKeepsItsSchedule()
    {
        var name = Api.NewName("probe");
        var valid = new JsonObject { ["scheduleExpression"] = "rate(5minutes)" };
        var (created, _) = await fixture.Client.PostAsync("/create-flow", Envelope(ScheduledFlow(name, valid)).ToJsonString());
        var update = Envelope(ScheduledFlow(name, StartAtTheEndOfTime()));
        update.Remove("tags");

        var (status, envelope) = await fixture.Client.PostAsync("/update-flow", update.ToJsonString());
        var (describedStatus, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith($"{Scheduled}.scheduleStartTime: ", envelope.Message());
        Assert.Equal(HttpStatusCode.OK, describedStatus);
        Assert.Null(described.Data()["triggerConfig"]!["triggerProperties"]!["Scheduled"]!["scheduleStartTime"]);
    }

    // The envelope wire names connectors by their own type rather than CustomConnector.
    private static JsonObject Envelope(JsonObject aws)
    {
        var name = aws["flowName"]!.GetValue<string>();
        var envelope = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out")))!.AsObject();
        envelope["triggerConfig"] = aws["triggerConfig"]!.DeepClone();
        return envelope;
    }
}
