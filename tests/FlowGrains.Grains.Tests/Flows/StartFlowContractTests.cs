using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>One test (at least) per numbered rule of start-flow.md.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StartFlowContractTests(ClusterFixture fixture)
{
    private async Task<IFlowGrain> CreateAsync(TriggerType triggerType = TriggerType.OnDemand, string? name = null)
    {
        var flow = fixture.Grains.GetFlowGrain(name ?? Infrastructure.Flows.NewName());
        await flow.CreateFlowAsync(Infrastructure.Flows.Create(Infrastructure.Flows.Definition(triggerType)));
        return flow;
    }

    private static async Task<int> RunCountAsync(IFlowGrain flow) =>
        (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions.Length;

    [Fact]
    public async Task OnDemandStart_RunsNow_AndReturnsTheRunAsId()
    {
        var flow = await CreateAsync();

        var result = await flow.StartFlowAsync(Infrastructure.Flows.Start("t-1"));

        Assert.NotNull(result.ExecutionId);
        Assert.Equal(result.ExecutionId, result.Id);
        Assert.Equal(fixture.Time.GetUtcNow(), result.CreatedAt);
        Assert.Equal(FlowStatus.Active, result.FlowStatus);
        Assert.EndsWith($":flow/{result.FlowName}", result.FlowArn);
        var records = await flow.DescribeFlowExecutionRecordsAsync(10, null);
        Assert.Equal(result.ExecutionId, Assert.Single(records.FlowExecutions).ExecutionId);
    }

    [Fact]
    public async Task Rule1_RetryWithSameToken_ReturnsFirstResultAndStartsNothing()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("retry-1"));
        fixture.Time.Advance(TimeSpan.FromMinutes(3));

        var retry = await flow.StartFlowAsync(Infrastructure.Flows.Start("retry-1"));

        Assert.Equal(first, retry);
        Assert.Equal(1, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule2_DifferentTokenOrNoToken_IsANewCall()
    {
        var flow = await CreateAsync();

        var a = await flow.StartFlowAsync(Infrastructure.Flows.Start("token-a"));
        var b = await flow.StartFlowAsync(Infrastructure.Flows.Start("token-b"));
        var c = await flow.StartFlowAsync(Infrastructure.Flows.Start(null));
        var d = await flow.StartFlowAsync(Infrastructure.Flows.Start(null));

        Assert.Equal(4, new[] { a.Id, b.Id, c.Id, d.Id }.Distinct().Count());
        Assert.Equal(4, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule3_ReplayAfter7h59m_ReturnsSameId()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("ttl-1"));
        fixture.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));

        var replay = await flow.StartFlowAsync(Infrastructure.Flows.Start("ttl-1"));

        Assert.Equal(first, replay);
        Assert.Equal(1, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule3_ReplayAfter8h01m_StartsANewRun()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("ttl-2"));
        fixture.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        var replay = await flow.StartFlowAsync(Infrastructure.Flows.Start("ttl-2"));

        Assert.NotEqual(first.Id, replay.Id);
        Assert.Equal(fixture.Time.GetUtcNow(), replay.CreatedAt);
        Assert.Equal(2, await RunCountAsync(flow));
        Assert.Equal(replay, await flow.StartFlowAsync(Infrastructure.Flows.Start("ttl-2")));
    }

    [Theory]
    [InlineData(TriggerType.Scheduled)]
    [InlineData(TriggerType.Event)]
    public async Task Rule4_MismatchedParameters_OnScheduledOrEventFlow_IsClientTokenMismatch(TriggerType triggerType)
    {
        var flow = await CreateAsync(triggerType);
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("mm-1", ("region", "eu")));

        var error = await Assert.ThrowsAsync<FlowOperationException>(
            () => flow.StartFlowAsync(Infrastructure.Flows.Start("mm-1", ("region", "us"))));

        Assert.Equal(FlowErrorCode.ClientTokenMismatch, error.Code);
        Assert.Equal(first, await flow.StartFlowAsync(Infrastructure.Flows.Start("mm-1", ("region", "eu"))));
    }

    [Fact]
    public async Task Rule4_MismatchedParameters_OnOnDemandFlow_ReturnsFirstResultAndRunsNothing()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("mm-2", ("region", "eu")));

        var second = await flow.StartFlowAsync(Infrastructure.Flows.Start("mm-2", ("region", "us")));

        Assert.Equal(first, second);
        Assert.Equal(1, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule5_FiftyConcurrentIdenticalRequests_StartOneRun()
    {
        var flow = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => flow.StartFlowAsync(Infrastructure.Flows.Start("burst-1", ("region", "eu")))));

        Assert.Single(results.Distinct());
        Assert.Equal(1, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule5_ConcurrentRequestsWithTheSameToken_ActivateOnce()
    {
        var flow = await CreateAsync(TriggerType.Scheduled);

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => flow.StartFlowAsync(Infrastructure.Flows.Start("burst-2"))));

        Assert.Single(results.Distinct());
        Assert.Equal(FlowStatus.Active, (await flow.DescribeFlowAsync()).FlowStatus);
    }

    [Fact]
    public async Task Rule6_SameTokenOnTwoFlows_StartsTwoRuns()
    {
        var one = await CreateAsync();
        var two = await CreateAsync();

        var a = await one.StartFlowAsync(Infrastructure.Flows.Start("shared-token"));
        var b = await two.StartFlowAsync(Infrastructure.Flows.Start("shared-token"));

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(1, await RunCountAsync(one));
        Assert.Equal(1, await RunCountAsync(two));
    }

    [Fact]
    public async Task Rule7_TokensSurviveAGrainDeactivation()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("durable-1"));
        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == ExecutionStatus.Successful,
            "the first run to finish before the flow grain is deactivated");

        await fixture.Cluster.DeactivateAsync(flow);
        var retry = await flow.StartFlowAsync(Infrastructure.Flows.Start("durable-1"));

        Assert.Equal(first, retry);
        Assert.Equal(1, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Rule7_ExpiredTokenAfterDeactivation_StillCountsAsNewCall()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("durable-2"));
        await fixture.Cluster.DeactivateAsync(flow);
        fixture.Time.Advance(TimeSpan.FromHours(9));

        var later = await flow.StartFlowAsync(Infrastructure.Flows.Start("durable-2"));

        Assert.NotEqual(first.Id, later.Id);
    }

    [Fact]
    public async Task Rule3_ATokenReadBackFromStorage_StillExpiresEightHoursAfterItsFirstCall()
    {
        var flow = await CreateAsync();
        var first = await flow.StartFlowAsync(Infrastructure.Flows.Start("old-a"));
        await fixture.Cluster.DeactivateAsync(flow);
        fixture.Time.Advance(TimeSpan.FromHours(4));
        await flow.StartFlowAsync(Infrastructure.Flows.Start("new-b"));
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(first, await flow.StartFlowAsync(Infrastructure.Flows.Start("old-a")));

        fixture.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        var later = await flow.StartFlowAsync(Infrastructure.Flows.Start("old-a"));

        Assert.NotEqual(first.Id, later.Id);
        Assert.Equal(3, await RunCountAsync(flow));
    }

    [Fact]
    public async Task ScheduledStart_ActivatesWithoutARun()
    {
        var flow = await CreateAsync(TriggerType.Scheduled);
        Assert.Equal(FlowStatus.Draft, (await flow.DescribeFlowAsync()).FlowStatus);

        var result = await flow.StartFlowAsync(Infrastructure.Flows.Start("activate-1"));

        Assert.Null(result.ExecutionId);
        Assert.False(string.IsNullOrEmpty(result.Id));
        Assert.Equal(FlowStatus.Active, result.FlowStatus);
        Assert.Equal(FlowStatus.Active, (await flow.DescribeFlowAsync()).FlowStatus);
        Assert.Equal(0, await RunCountAsync(flow));
    }

    [Fact]
    public async Task ActivatingAnActiveFlow_WithANewToken_IsConflict()
    {
        var flow = await CreateAsync(TriggerType.Event);
        await flow.StartFlowAsync(Infrastructure.Flows.Start("activate-2"));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start("activate-3")));
        var untokened = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(null)));

        Assert.Equal(FlowErrorCode.Conflict, error.Code);
        Assert.Equal(FlowErrorCode.Conflict, untokened.Code);
    }

    [Fact]
    public async Task StopThenStart_SuspendsAndReactivates()
    {
        var flow = await CreateAsync(TriggerType.Scheduled);
        await flow.StartFlowAsync(Infrastructure.Flows.Start("cycle-1"));

        var stopped = await flow.StopFlowAsync();
        var restarted = await flow.StartFlowAsync(Infrastructure.Flows.Start("cycle-2"));

        Assert.Equal(FlowStatus.Suspended, stopped.FlowStatus);
        Assert.Equal(FlowStatus.Active, restarted.FlowStatus);
        var stopAgain = await flow.StopFlowAsync();
        var conflict = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StopFlowAsync());
        Assert.Equal(FlowStatus.Suspended, stopAgain.FlowStatus);
        Assert.Equal(FlowErrorCode.Conflict, conflict.Code);
    }

    [Fact]
    public async Task StopOnDemandFlow_IsUnsupportedOperation()
    {
        var flow = await CreateAsync();

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StopFlowAsync());

        Assert.Equal(FlowErrorCode.UnsupportedOperation, error.Code);
    }

    [Fact]
    public async Task StartUnknownFlow_IsNotFound()
    {
        var flow = fixture.Grains.GetFlowGrain(Infrastructure.Flows.NewName("missing"));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start("x")));

        Assert.Equal(FlowErrorCode.NotFound, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("caf\u00e9")]
    public async Task InvalidClientToken_IsValidationErrorNamingClientToken(string token)
    {
        var flow = await CreateAsync();

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(token)));

        FlowAssert.ValidationErrorNaming("clientToken", error);
    }

    [Fact]
    public async Task ClientTokenOf256PrintableCharacters_IsAccepted_And257IsNot()
    {
        var flow = await CreateAsync();
        var longest = new string('~', 256);

        var result = await flow.StartFlowAsync(Infrastructure.Flows.Start(longest));
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(longest + " ")));

        Assert.Equal(result, await flow.StartFlowAsync(Infrastructure.Flows.Start(longest)));
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
    }

    [Fact]
    public async Task Parameters_BeyondTheirLimits_AreValidationErrors()
    {
        var flow = await CreateAsync();
        var tooMany = Enumerable.Range(0, 51).Select(i => ($"k{i}", "v")).ToArray();

        var count = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(null, tooMany)));
        var key = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(null, (new string('k', 129), "v"))));
        var value = await Assert.ThrowsAsync<FlowOperationException>(() => flow.StartFlowAsync(Infrastructure.Flows.Start(null, ("k", new string('v', 1025)))));

        Assert.All(new[] { count, key, value }, e => Assert.Equal(FlowErrorCode.ValidationError, e.Code));
        Assert.All(new[] { count, key, value }, e => Assert.StartsWith("parameters", e.Message));
        Assert.Equal(0, await RunCountAsync(flow));
    }

    [Fact]
    public async Task Parameters_ReachTheRun()
    {
        var flow = await CreateAsync();

        var result = await flow.StartFlowAsync(Infrastructure.Flows.Start(null, ("region", "eu")));
        await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Connector.Written.ContainsKey(result.ExecutionId!)),
            written => written,
            "the run to write its output");

        Assert.Equal("eu", fixture.Connector.Written[result.ExecutionId!][0]["region"]!.GetValue<string>());
    }
}
