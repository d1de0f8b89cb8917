using FlowGrains.Contracts;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

[Collection(ClusterCollection.Name)]
public sealed class FlowCatalogTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ListFlows_PagesEveryFlowOnceInNameOrder()
    {
        var prefix = NewName("list");
        var created = Enumerable.Range(0, 7).Select(i => $"{prefix}-{i}").ToList();
        foreach (var name in created)
        {
            await fixture.Grains.GetFlowGrain(name).CreateFlowAsync(Create());
        }

        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = await fixture.Grains.GetFlowCatalog().ListFlowsAsync(3, token);
            Assert.True(page.Flows.Length <= 3);
            listed.AddRange(page.Flows.Select(f => f.FlowName));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(created, listed.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeletedFlow_LeavesTheListing()
    {
        var name = NewName("gone");
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        await flow.DeleteFlowAsync(false);

        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await fixture.Grains.GetFlowCatalog().ListFlowsAsync(100, token);
            all.AddRange(page.Flows.Select(f => f.FlowName));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.DoesNotContain(name, all);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("ZmxvdwAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ForgedNextToken_IsRejected(string token)
    {
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => fixture.Grains.GetFlowCatalog().ListFlowsAsync(5, token));

        FlowAssert.ValidationErrorNaming("nextToken", error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task MaxResultsOutOfRange_IsValidationError(int maxResults)
    {
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => fixture.Grains.GetFlowCatalog().ListFlowsAsync(maxResults, null));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
    }
}
