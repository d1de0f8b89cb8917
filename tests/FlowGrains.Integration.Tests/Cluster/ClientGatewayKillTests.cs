using FlowGrains.Errors;
using System.Collections.Concurrent;
using System.Diagnostics;
using FlowGrains.Client;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>Issue 15, point 3: a client outside the cluster loses a gateway (kill -9 of its silo) while its starts are in flight.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ClientGatewayKillTests(ITestOutputHelper output)
{
    private const int KillAfter = 300;
    private const int MaxCalls = 4000;
    private const int Flows = 4;
    private const int Callers = 6;

    /// <summary>Starts acknowledged per flow, by calls begun after the kill, that show the client reaches every flow again.</summary>
    private const int AcknowledgedAfterKillPerFlow = 10;

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task KillMinus9_OfAGatewaySiloDuringClientStarts_ClientGoesOnThroughTheOther_AndLosesNoAcknowledgedStart()
    {
        var phases = Stopwatch.StartNew();
        await using var cluster = await HostCluster.StartAsync(2);
        output.WriteLine($"cluster ready {phases.Elapsed.TotalSeconds:0.0} s");
        await using var client = await ClientOfCluster.ConnectAsync(cluster, ResponseTimeout);
        var flows = Enumerable.Range(0, Flows).Select(index => $"client-kill-{index}").ToList();
        await CreateFlowsAsync(cluster, client.Grains, flows);

        output.WriteLine($"client connected, flows created {phases.Elapsed.TotalSeconds:0.0} s");
        var answers = new ConcurrentDictionary<int, ClientStart>();
        var acknowledgedAfterKill = new ConcurrentDictionary<string, int>();
        var next = -1;
        var killed = 0;
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        var victim = -1;
        int[] connectionsAtKill = [];
        var deadline = TimeSpan.FromSeconds(40);
        bool Done() => Volatile.Read(ref killed) == 2 && flows.All(flow => acknowledgedAfterKill.GetValueOrDefault(flow) >= AcknowledgedAfterKillPerFlow);

        async Task CallerAsync()
        {
            for (var call = Interlocked.Increment(ref next); call < MaxCalls && !Done() && clock.Elapsed < deadline; call = Interlocked.Increment(ref next))
            {
                if (call == KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    // The silo whose gateway the client holds a connection to (the first, if it holds both) is the one to die.
                    connectionsAtKill = [.. Enumerable.Range(0, 2).Select(host => LoopbackConnections.EstablishedTo(cluster.GatewayPort(host)))];
                    victim = Array.FindIndex(connectionsAtKill, count => count > 0);
                    await cluster.Hosts[Math.Max(victim, 0)].KillAsync();
                    killedAt = clock.Elapsed;
                    Volatile.Write(ref killed, 2);
                }

                var afterKill = Volatile.Read(ref killed) == 2;
                var flow = flows[call % Flows];
                var answer = await ClientStart.CallAsync(client.Grains, flow, $"token-{call}", afterKill);
                answers[call] = answer;
                if (afterKill && answer.Acknowledged)
                {
                    acknowledgedAfterKill.AddOrUpdate(flow, 1, (_, count) => count + 1);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(CallerAsync)));
        var goneOnAfter = clock.Elapsed - killedAt;
        Assert.Equal(2, killed);
        Assert.True(victim >= 0, $"the client held no connection to either gateway ({cluster.GatewayPort(0)}, {cluster.GatewayPort(1)}) when the kill was due");
        Assert.False(cluster.Hosts[victim].IsRunning);
        Assert.True(Done(), $"within {deadline} not every flow had {AcknowledgedAfterKillPerFlow} starts acknowledged after the kill: " +
            $"{string.Join(", ", flows.Select(flow => $"{flow} {acknowledgedAfterKill.GetValueOrDefault(flow)}"))}\n{cluster.Hosts[1 - Math.Max(victim, 0)].Output}");

        // Every failure the kill caused is one the client library tells callers they may repeat.
        var failures = answers.Values.Where(answer => !answer.Acknowledged).ToList();
        Assert.All(failures, failure => Assert.True(failure.Retryable, $"{failure.Token} failed with {failure.Failure}, which FlowCallFailures.IsRetryable refuses"));

        // Every token is repeated until it is answered: an acknowledged one must give its first id again.
        output.WriteLine($"calls done {phases.Elapsed.TotalSeconds:0.0} s");
        var idOfToken = await RetryEveryTokenAsync(client.Grains, answers.Values);
        output.WriteLine($"retries done {phases.Elapsed.TotalSeconds:0.0} s");
        Assert.All(answers.Values.Where(answer => answer.Acknowledged), answer => Assert.Equal(answer.ExecutionId, idOfToken[answer.Token]));

        // Each flow's history holds exactly the runs its tokens name, once each, and each of them runs to the end.
        var records = new List<ExecutionRecord>();
        foreach (var flow in flows)
        {
            records.AddRange(await Eventually.MatchesAsync(
                () => ReadAllAsync(client.Grains.GetFlowGrain(flow)),
                history => history.All(record => record.ExecutionStatus == ExecutionStatus.Successful),
                $"every run of {flow} to be Successful", 30_000));
        }

        output.WriteLine($"records read {phases.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"killed host {victim} (client connections to the gateways at the kill: {string.Join(", ", connectionsAtKill)}); " +
            $"calls {answers.Count} (first {KillAfter} before the kill), acknowledged {answers.Count - failures.Count}, failed {failures.Count} " +
            $"({string.Join(", ", failures.GroupBy(failure => failure.Failure).Select(group => $"{group.Key}: {group.Count()}"))}); " +
            $"every flow had {AcknowledgedAfterKillPerFlow} acknowledged starts {goneOnAfter.TotalSeconds:0.0} s after the kill; runs recorded {records.Count}");
        Assert.Equal(idOfToken.Values.Order(StringComparer.Ordinal), records.Select(record => record.ExecutionId).Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, string>> RetryEveryTokenAsync(IClusterClient grains, IEnumerable<ClientStart> answers)
    {
        var ids = new ConcurrentDictionary<string, string>();
        var queue = new ConcurrentQueue<ClientStart>(answers);
        async Task RetrierAsync()
        {
            while (queue.TryDequeue(out var first))
            {
                var retry = await Eventually.MatchesAsync(
                    () => ClientStart.CallAsync(grains, first.Flow, first.Token, afterKill: true), answer => answer.Acknowledged,
                    $"a retry of {first.Token} to be acknowledged", 30_000);
                ids[first.Token] = retry.ExecutionId!;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(RetrierAsync)));
        return new Dictionary<string, string>(ids);
    }

    private static async Task<List<ExecutionRecord>> ReadAllAsync(IFlowGrain flow)
    {
        var records = new List<ExecutionRecord>();
        string? nextToken = null;
        do
        {
            var page = await flow.DescribeFlowExecutionRecordsAsync(100, nextToken);
            records.AddRange(page.FlowExecutions);
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
        return records;
    }

    private static async Task CreateFlowsAsync(HostCluster cluster, IClusterClient grains, IEnumerable<string> flows)
    {
        Directory.CreateDirectory(Path.Combine(cluster.DataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(cluster.DataRoot, "in", "rows.csv"), "id,amount\n1,10\n");
        foreach (var flow in flows)
        {
            var definition = new FlowDefinition(
                new TriggerConfig(TriggerType.OnDemand),
                new ConnectorConfig("LocalFolder", Grains.Tests.Infrastructure.Flows.Map(("path", "in"), ("fileType", "CSV"))),
                [new ConnectorConfig("LocalFolder", Grains.Tests.Infrastructure.Flows.Map(("path", $"out-{flow}"), ("fileType", "JSON")))],
                []);
            var created = await grains.GetFlowGrain(flow).CreateFlowAsync(Grains.Tests.Infrastructure.Flows.Create(definition));
            Assert.Equal(FlowStatus.Active, created.FlowStatus);
        }
    }

    /// <summary>What one tokened start through the client answered: the run id, or the failure's type.</summary>
    private sealed record ClientStart(string Flow, string Token, string? ExecutionId, string? Failure, bool Retryable, bool AfterKill)
    {
        public bool Acknowledged => ExecutionId is not null;

        public static async Task<ClientStart> CallAsync(IClusterClient grains, string flow, string token, bool afterKill)
        {
            try
            {
                var result = await grains.GetFlowGrain(flow).StartFlowAsync(Grains.Tests.Infrastructure.Flows.Start(token));
                return new ClientStart(flow, token, result.ExecutionId, null, true, afterKill);
            }
            catch (Exception exception)
            {
                var failure = exception is FlowOperationException domain ? $"{exception.GetType().Name} {domain.Code}" : exception.GetType().Name;
                return new ClientStart(flow, token, null, failure, FlowCallFailures.IsRetryable(exception), afterKill);
            }
        }
    }
}
