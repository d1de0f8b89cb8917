using System.Collections.Concurrent;
using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>Issue 3, point 2: kill -9 one host in the middle of a stream of StartFlow calls.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class HostKillTests(ITestOutputHelper output)
{
    private const int Calls = 2400;
    private const int KillAfter = 800;
    private const int Flows = 8;
    private const int Callers = 8;

    [Fact]
    public async Task KillMinus9_DuringStartFlowStream_LosesNoAcknowledgedStartAndNoTokenRunsTwice()
    {
        await using var cluster = await HostCluster.StartAsync(2);
        var flows = Enumerable.Range(0, Flows).Select(index => $"kill-{index}").ToList();
        await CreateFlowsAsync(cluster, flows);

        var answers = new ConcurrentDictionary<int, (string Flow, StartFlowAnswer First)>();
        var next = -1;
        var killed = 0;
        async Task CallerAsync()
        {
            for (var call = Interlocked.Increment(ref next); call < Calls; call = Interlocked.Increment(ref next))
            {
                if (call == KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await cluster.Hosts[1].KillAsync();
                }

                // Calls alternate between both front doors; once host 1 is gone its callers still try it (and fail).
                var door = cluster.Hosts[call % 2];
                var flow = flows[call % Flows];
                answers[call] = (flow, await StartFlowAnswer.CallAsync(door.Client, flow, $"token-{call}"));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(CallerAsync)));
        Assert.Equal(1, killed);

        // Every token is retried on the surviving host until it answers: an acknowledged one must give its first id.
        var survivor = cluster.Hosts[0].Client;
        var idOfToken = new Dictionary<int, string>();
        var acknowledged = answers.Count(answer => answer.Value.First.Acknowledged);
        foreach (var (call, (flow, first)) in answers.OrderBy(answer => answer.Key))
        {
            var retry = await Eventually.MatchesAsync(
                () => StartFlowAnswer.CallAsync(survivor, flow, $"token-{call}"), answer => answer.Acknowledged, $"a retry of token-{call} to be answered", 60_000);
            if (first.Acknowledged)
            {
                Assert.Equal(first.ExecutionId, retry.ExecutionId);
            }

            idOfToken[call] = retry.ExecutionId!;
        }

        // Each flow's history holds exactly the runs its tokens name, once each, and every one of them runs to the end.
        var recordIds = new List<string>();
        foreach (var flow in flows)
        {
            var records = await ExecutionRecords.ReadAllAsync(survivor, flow);
            for (var deadline = DateTime.UtcNow.AddSeconds(60); records.Any(NotSuccessful) && DateTime.UtcNow < deadline; await Task.Delay(200))
            {
                records = await ExecutionRecords.ReadAllAsync(survivor, flow);
            }

            Assert.False(records.Any(NotSuccessful), $"runs of {flow} that did not succeed: {string.Join("; ", records.Where(NotSuccessful).Select(r => r.ToJsonString()))}\n{cluster.Hosts[0].Output}");
            recordIds.AddRange(records.Select(record => record["executionId"]!.GetValue<string>()));
        }

        // A duplicate is a run no token names, or a second run of one token.
        var duplicates = recordIds.Except(idOfToken.Values).Count() + (recordIds.Count - recordIds.Distinct().Count());
        var failures = answers.Values.Where(answer => !answer.First.Acknowledged)
            .GroupBy(answer => $"{answer.First.Status?.ToString() ?? "no answer"} {answer.First.ErrorCode}")
            .Select(group => $"{group.Key}: {group.Count()}");
        output.WriteLine($"calls {answers.Count}, acknowledged {acknowledged}, not acknowledged {answers.Count - acknowledged} ({string.Join(", ", failures)}), " +
            $"tokens verified {idOfToken.Count}, runs recorded {recordIds.Count}, duplicates {duplicates}");
        Assert.Equal(0, duplicates);
        Assert.Equal(Calls, answers.Count);
        Assert.True(acknowledged >= KillAfter / 2, $"only {acknowledged} calls were acknowledged");
        Assert.Equal(idOfToken.Count, idOfToken.Values.Distinct().Count());
        Assert.Equal(idOfToken.Values.Order(), recordIds.Order());
    }

    private static bool NotSuccessful(System.Text.Json.Nodes.JsonObject record) => record["executionStatus"]!.GetValue<string>() != "Successful";

    private static async Task CreateFlowsAsync(HostCluster cluster, IEnumerable<string> flows)
    {
        Directory.CreateDirectory(Path.Combine(cluster.DataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(cluster.DataRoot, "in", "rows.csv"), "id,amount\n1,10\n");
        foreach (var flow in flows)
        {
            var (status, envelope) = await cluster.Hosts[0].Client.PostAsync("/create-flow", Api.LocalFolderFlow(flow, "in", $"out-{flow}"));
            Assert.True(status == HttpStatusCode.OK, envelope.ToJsonString());
        }
    }
}
