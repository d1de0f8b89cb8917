using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Limits;

/// <summary>Each quota of FlowGrains:Quotas, filled and then passed on purpose: the request fails ServiceQuotaExceeded and changes nothing.</summary>
[Collection(LimitsClusterCollection.Name)]
public sealed class QuotaTests(LimitsClusterFixture fixture)
{
    private static FlowTask Passthrough(string field) =>
        new("Passthrough", [field], ImmutableSortedDictionary<string, string>.Empty.Add(Infrastructure.TestConnector.TypeName, "NO_OP"), field, ImmutableSortedDictionary<string, string>.Empty);

    [Fact]
    public async Task CreatingOneFlowMoreThanMaxFlows_IsRefused_AndAfterADeleteOneFits()
    {
        var created = new List<string>();
        try
        {
            FlowOperationException? refused = null;
            for (var attempt = 0; attempt <= LimitsClusterFixture.Quotas.MaxFlows && refused is null; attempt++)
            {
                var name = NewName("quota");
                refused = await Record.ExceptionAsync(() => fixture.Grains.GetFlowGrain(name).CreateFlowAsync(Create())) as FlowOperationException;
                if (refused is null)
                {
                    created.Add(name);
                }
            }

            var listed = await fixture.Grains.GetFlowCatalog().ListFlowsAsync(100, null);
            Assert.Equal(FlowErrorCode.ServiceQuotaExceeded, refused!.Code);
            Assert.Equal("flowName: the quota of 4 flows is reached (FlowGrains:Quotas:MaxFlows).", refused.Message);
            Assert.Equal(4, listed.Flows.Length);

            await fixture.Grains.GetFlowGrain(created[^1]).DeleteFlowAsync(forceDelete: true);
            created.RemoveAt(created.Count - 1);
            var again = NewName("quota");
            await fixture.Grains.GetFlowGrain(again).CreateFlowAsync(Create());
            created.Add(again);
        }
        finally
        {
            foreach (var name in created)
            {
                await fixture.Grains.GetFlowGrain(name).DeleteFlowAsync(forceDelete: true);
            }
        }
    }

    [Fact]
    public async Task CreatingOneConnectorProfileMoreThanMaxConnectorProfiles_IsRefused_AndNothingIsStored()
    {
        var created = new List<string>();
        try
        {
            FlowOperationException? refused = null;
            string? refusedName = null;
            for (var attempt = 0; attempt <= LimitsClusterFixture.Quotas.MaxConnectorProfiles && refused is null; attempt++)
            {
                refusedName = $"p-{Guid.NewGuid():N}";
                refused = await Record.ExceptionAsync(() => TestProfiles.CreateAsync(fixture.Grains, refusedName)) as FlowOperationException;
                if (refused is null)
                {
                    created.Add(refusedName);
                }
            }

            Assert.Equal(FlowErrorCode.ServiceQuotaExceeded, refused!.Code);
            Assert.Equal("connectorProfileName: the quota of 2 connector profiles is reached (FlowGrains:Quotas:MaxConnectorProfiles).", refused.Message);
            Assert.Null(await fixture.Grains.GetGrain<IConnectorProfileGrain>(refusedName!).DescribeConnectorProfileAsync());
        }
        finally
        {
            foreach (var name in created)
            {
                await fixture.Grains.GetGrain<IConnectorProfileGrain>(name).DeleteConnectorProfileAsync(forceDelete: true);
            }
        }
    }

    [Fact]
    public async Task AFlowWithMoreTasksThanMaxTasksPerFlow_IsRefused_OnCreateAndOnUpdate()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName("tasks"));
        var tooMany = Definition(tasks: [Passthrough("a"), Passthrough("b"), Passthrough("c")]);

        var onCreate = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(tooMany)));
        await flow.CreateFlowAsync(Create(Definition(tasks: [Passthrough("a"), Passthrough("b")])));
        var onUpdate = await Assert.ThrowsAsync<FlowOperationException>(() => flow.UpdateFlowAsync(new UpdateFlowRequest(tooMany, null)));
        var stored = await flow.DescribeFlowAsync();
        await flow.DeleteFlowAsync(forceDelete: true);

        Assert.Equal(FlowErrorCode.ServiceQuotaExceeded, onCreate.Code);
        Assert.Equal("tasks: the quota of 2 tasks per flow is reached (FlowGrains:Quotas:MaxTasksPerFlow).", onCreate.Message);
        Assert.Equal((onCreate.Code, onCreate.Message), (onUpdate.Code, onUpdate.Message));
        Assert.Equal(2, stored.Definition.Tasks.Length);
    }

    [Fact]
    public async Task AFlowWithMoreDestinationsThanMaxDestinationsPerFlow_IsRefused()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName("destinations"));
        var definition = Definition() with { Destinations = [TestConnector(), TestConnector()] };

        var refused = await Assert.ThrowsAsync<FlowOperationException>(() => flow.CreateFlowAsync(Create(definition)));

        Assert.Equal(FlowErrorCode.ServiceQuotaExceeded, refused.Code);
        Assert.Equal("destinationFlowConfigList: the quota of 1 destinations per flow is reached (FlowGrains:Quotas:MaxDestinationsPerFlow).", refused.Message);
        Assert.Equal(FlowErrorCode.NotFound, (await Assert.ThrowsAsync<FlowOperationException>(flow.DescribeFlowAsync)).Code);
    }
}
