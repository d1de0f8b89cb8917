using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Host.Tests;

/// <summary>A .NET service in the same process calls the grains through the contracts, with the same semantics as HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class CoHostedCallerTests(HostFixture fixture)
{
    private IGrainFactory Grains => fixture.Factory.Services.GetRequiredService<IGrainFactory>();

    private static FlowDefinition FolderFlow(string name) => new(
        new TriggerConfig(TriggerType.OnDemand),
        new ConnectorConfig("LocalFolder", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("path", $"{name}/in"), KeyValuePair.Create("fileType", "CSV")])),
        [new ConnectorConfig("LocalFolder", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("path", $"{name}/out"), KeyValuePair.Create("fileType", "JSON")]))],
        []);

    [Fact]
    public async Task DirectStart_AndHttpRetryWithTheSameToken_ShareOneResult()
    {
        var name = Api.NewName("cohosted");
        var flow = Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(new CreateFlowRequest(FolderFlow(name), ImmutableSortedDictionary<string, string>.Empty));

        var direct = await flow.StartFlowAsync(new StartFlowRequest("shared-1", ImmutableSortedDictionary<string, string>.Empty));
        var (_, overHttp) = await fixture.Client.PostAsync("/start-flow", new { flowName = name, clientToken = "shared-1" });

        Assert.Equal(direct.Id, overHttp.Data()["id"]!.GetValue<string>());
        var records = await flow.DescribeFlowExecutionRecordsAsync(10, null);
        Assert.Single(records.FlowExecutions);
    }

    [Fact]
    public async Task DirectCallWithAnInvalidName_FailsWithTheSameCodeAsHttp()
    {
        var error = Assert.Throws<FlowOperationException>(() => Grains.GetFlowGrain("no spaces allowed"));
        var (_, envelope) = await fixture.Client.PostAsync("/describe-flow", new { flowName = "no spaces allowed" });

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.Equal(error.Message, envelope.Message());
    }
}
