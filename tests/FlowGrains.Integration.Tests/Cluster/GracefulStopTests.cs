using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>
/// Issue 15, point 4: a postgres-profile silo stopped gracefully (SIGTERM) in the middle of a run lets the run
/// finish within FlowGrains:Runs:ShutdownTimeout, or leaves it to the other silo, which resumes it once, under
/// the same execution id.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    private const string FlowName = "slow_source";

    [Fact]
    public async Task SigTerm_RunEndsWithinShutdownTimeout_RunEndsSuccessfulOnItsSiloAndIsRecordedOnce()
    {
        using var api = new GatedRecordsApi();
        await using var cluster = await StartClusterAsync(shutdownTimeout: "00:01:00");
        var (executionId, stopping, other) = await StartSlowRunAsync(cluster, api);

        await stopping.SignalAsync("TERM");
        await Eventually.MatchesAsync(
            () => Task.FromResult(stopping.Output), log => log.Contains("Silo stopping: no new runs start here", StringComparison.Ordinal), "the silo to begin draining its runs", 30_000);
        api.Release();
        var exitCode = await stopping.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var record = await SingleEndedRecordAsync(other, executionId);
        output.WriteLine(stopping.Output);
        Assert.Equal(0, exitCode);
        Assert.Equal("Successful", record["executionStatus"]!.GetValue<string>());
        Assert.Equal(1, record["executionResult"]!["recordsProcessed"]!.GetValue<long>());
        Assert.Equal(1, api.Requests);
        Assert.DoesNotContain("outlasted the shutdown timeout", stopping.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigTerm_RunOutlastsShutdownTimeout_OtherSiloResumesItOnceUnderTheSameExecutionId()
    {
        using var api = new GatedRecordsApi();
        await using var cluster = await StartClusterAsync(shutdownTimeout: "00:00:01");
        var (executionId, stopping, other) = await StartSlowRunAsync(cluster, api);

        // The first request is never answered: only a resumed run on the other silo can end the run.
        await stopping.SignalAsync("TERM");
        var exitCode = await stopping.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var record = await SingleEndedRecordAsync(other, executionId);
        output.WriteLine(stopping.Output);
        Assert.Equal(0, exitCode);
        Assert.Contains("1 run(s) outlasted the shutdown timeout (00:00:01)", stopping.Output, StringComparison.Ordinal);
        Assert.Equal("Successful", record["executionStatus"]!.GetValue<string>());
        Assert.Equal(1, record["executionResult"]!["recordsProcessed"]!.GetValue<long>());
        Assert.Equal(2, api.Requests);
        Assert.Equal($"127.0.0.1:{other.SiloPort}", await LaunchedByAsync(cluster, executionId));
    }

    private static Task<HostCluster> StartClusterAsync(string shutdownTimeout) => HostCluster.StartAsync(2, environment: new Dictionary<string, string>
    {
        ["FlowGrains__Runs__ShutdownTimeout"] = shutdownTimeout,
        ["Logging__LogLevel__FlowGrains.Grains.Executions.RunDrain"] = "Information",
    });

    /// <summary>Starts a run whose source holds its first request, and names the host carrying it out and the other one.</summary>
    private static async Task<(string ExecutionId, HostProcess Stopping, HostProcess Other)> StartSlowRunAsync(HostCluster cluster, GatedRecordsApi api)
    {
        var client = cluster.Hosts[0].Client;
        var (profiled, profile) = await client.PostAsync("/create-connector-profile", new
        {
            connectorProfileName = "slow_api",
            connectorType = "Http",
            connectionMode = "Public",
            connectorProfileConfig = new
            {
                connectorProfileProperties = new { Http = new { baseUrl = $"http://127.0.0.1:{api.Port}" } },
                connectorProfileCredentials = new { Http = new { } },
            },
        });
        Assert.True(profiled == HttpStatusCode.OK, profile.ToJsonString());
        var (created, flow) = await client.PostAsync("/create-flow", new
        {
            flowName = FlowName,
            triggerConfig = new { triggerType = "OnDemand" },
            sourceFlowConfig = new { connectorType = "Http", connectorProfileName = "slow_api", sourceConnectorProperties = new { Http = new { path = "records" } } },
            destinationFlowConfigList = new[]
            {
                new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = "slow-out", fileType = "JSON" } } },
            },
            tasks = Array.Empty<object>(),
        });
        Assert.True(created == HttpStatusCode.OK, flow.ToJsonString());
        var (started, start) = await client.PostAsync("/start-flow", new { flowName = FlowName, clientToken = "graceful-1" });
        Assert.True(started == HttpStatusCode.OK, start.ToJsonString());
        var executionId = start.Data()["executionId"]!.GetValue<string>();
        await api.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));

        var launchedBy = await LaunchedByAsync(cluster, executionId);
        var index = cluster.Hosts.FindIndex(host => launchedBy == $"127.0.0.1:{host.SiloPort}");
        Assert.True(index >= 0, $"the run was launched by {launchedBy}, which is none of the hosts");
        return (executionId, cluster.Hosts[index], cluster.Hosts[1 - index]);
    }

    /// <summary>The address (without generation) of the silo that launched the run, from the ledger.</summary>
    private static async Task<string> LaunchedByAsync(HostCluster cluster, string executionId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT launched_by FROM flowgrains_runs WHERE execution_id = @id", connection);
        command.Parameters.AddWithValue("id", executionId);
        var launchedBy = (string)(await command.ExecuteScalarAsync())!;
        return launchedBy[..launchedBy.IndexOf('@', StringComparison.Ordinal)];
    }

    /// <summary>Waits until the flow's only run has ended, read through <paramref name="host"/>, and returns its record.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> SingleEndedRecordAsync(HostProcess host, string executionId)
    {
        var records = await Eventually.MatchesAsync(
            () => ExecutionRecords.ReadAllAsync(host.Client, FlowName),
            records => records.Count != 1 || records[0]["executionStatus"]!.GetValue<string>() is not ("InProgress" or "CancelStarted"),
            "the run to end",
            120_000);
        var record = Assert.Single(records);
        Assert.Equal(executionId, record["executionId"]!.GetValue<string>());
        return record;
    }
}
