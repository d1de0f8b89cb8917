using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>
/// Issue 3, point 5: PostgreSQL goes away and comes back. Requests get a 503 envelope meanwhile, the host
/// stays up, recovers by itself, and nothing it acknowledged is lost. The test has a server of its own,
/// since it stops it.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task WhileTheDatabaseIsDown_RequestsGet503_AndWhenItReturns_TheHostRecoversWithNothingLost()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var cluster = await HostCluster.StartAsync(2, server);
        var host = cluster.Hosts[0];
        Directory.CreateDirectory(Path.Combine(cluster.DataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(cluster.DataRoot, "in", "rows.csv"), "id,amount\n1,10\n");
        var (created, _) = await host.Client.PostAsync("/create-flow", Api.LocalFolderFlow("dbdown", "in", "out"));
        Assert.Equal(HttpStatusCode.OK, created);
        var before = await StartFlowAnswer.CallAsync(host.Client, "dbdown", "before-outage");
        Assert.True(before.Acknowledged, $"{before}");

        await server.StopAsync();
        var during = await StartFlowAnswer.CallAsync(host.Client, "dbdown", "during-outage");
        var (created2, envelope) = await host.Client.PostAsync("/create-flow", Api.LocalFolderFlow("dbdown-2", "in", "out"));

        // Grains that must load their state, on either silo, answer through the other host's front door too.
        var other = cluster.Hosts[1].Client;
        var (described, describedEnvelope) = await other.PostAsync("/describe-flow", """{"flowName":"dbdown-never-loaded"}""");
        // The flow index is loaded already (creating a flow counts every partition for the flows quota), so listing
        // answers from memory: only the flows it names must be loaded, and "dbdown" is.
        var (listed, listedEnvelope) = await other.PostAsync("/list-flows", "{}");
        var ready = await Eventually.MatchesAsync(
            () => host.Client.GetAsync("/health/ready"), response => response.StatusCode == HttpStatusCode.ServiceUnavailable, "ready to report the outage");
        var live = await host.Client.GetAsync("/health/live");

        await server.StartServerAsync();
        StartFlowAnswer after;
        try
        {
            after = await Eventually.MatchesAsync(
                () => StartFlowAnswer.CallAsync(host.Client, "dbdown", "during-outage"), answer => answer.Acknowledged, "start-flow to work again", 60_000);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\n{host.Output}");
        }
        await Eventually.MatchesAsync(
            () => host.Client.GetAsync("/health/ready"), response => response.StatusCode == HttpStatusCode.OK, "ready again", 60_000);
        var replay = await StartFlowAnswer.CallAsync(host.Client, "dbdown", "before-outage");
        var records = await Eventually.MatchesAsync(
            () => ExecutionRecords.ReadAllAsync(host.Client, "dbdown"),
            list => list.Count == 2 && list.All(r => r["executionStatus"]!.GetValue<string>() == "Successful"),
            "both runs to succeed");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", during.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, created2);
        Assert.Equal("SERVICE_UNAVAILABLE", envelope.Code());
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE"), (described, describedEnvelope.Code()));
        Assert.Equal(
            (HttpStatusCode.OK, "dbdown"),
            (listed, listedEnvelope.Data()["flows"]!.AsArray().Single()!["flowName"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(host.IsRunning && cluster.Hosts[1].IsRunning);
        Assert.Equal(before.ExecutionId, replay.ExecutionId);
        Assert.Equal(
            new[] { before.ExecutionId, after.ExecutionId }.Order(),
            records.Select(r => r["executionId"]!.GetValue<string>()).Order());
    }
}
