using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Hosting;

/// <summary>Issue 15, point 4: Ctrl+C on the embedded host after the README tour logs no error.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class CtrlCShutdownTests
{
    // The README tour's flow, as its first section creates it.
    private const string TourFlow = """
        {"flowName":"orders_to_lake","triggerConfig":{"triggerType":"OnDemand"},
         "sourceFlowConfig":{"connectorType":"LocalFolder","sourceConnectorProperties":{"LocalFolder":{"path":"orders-in","fileType":"CSV"}}},
         "destinationFlowConfigList":[{"connectorType":"LocalFolder","destinationConnectorProperties":{"LocalFolder":{"path":"orders-out","fileType":"JSON"}}}],
         "tasks":[{"taskType":"Map","sourceFields":["name"],"destinationField":"customer","connectorOperator":{"LocalFolder":"NO_OP"}},
                  {"taskType":"Passthrough","sourceFields":["amount"]}]}
        """;

    [Fact]
    public async Task CtrlC_AfterTheReadmeTour_ExitsZeroWithNoFailOrCritLine()
    {
        var dataRoot = Directory.CreateTempSubdirectory("flowgrains-ctrlc-").FullName;
        Directory.CreateDirectory(Path.Combine(dataRoot, "orders-in"));
        await File.WriteAllTextAsync(Path.Combine(dataRoot, "orders-in", "orders.csv"), "id,name,amount\n1,alice,10\n2,bob,20\n");
        var httpPort = LoopbackPorts.Free();
        var siloPort = LoopbackPorts.Free();
        await using var host = HostProcess.Start(
            new Dictionary<string, string>
            {
                ["urls"] = $"http://127.0.0.1:{httpPort}",
                ["FlowGrains__DataRoot"] = dataRoot,
                ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(),
                ["Orleans__Endpoints__GatewayPort"] = LoopbackPorts.Free().ToString(),
            },
            httpPort,
            siloPort);
        try
        {
            await host.WaitReadyAsync();
            var (created, createEnvelope) = await host.Client.PostAsync("/create-flow", TourFlow);
            Assert.True(created == HttpStatusCode.OK, createEnvelope.ToJsonString());
            var (started, startEnvelope) = await host.Client.PostAsync("/start-flow", """{"flowName":"orders_to_lake","clientToken":"retry-safe-1"}""");
            Assert.True(started == HttpStatusCode.OK, startEnvelope.ToJsonString());
            await Eventually.MatchesAsync(
                async () => (await host.Client.PostAsync("/describe-flow-execution-records", """{"flowName":"orders_to_lake"}""")).Envelope.ToJsonString(),
                records => records.Contains("\"executionStatus\":\"Successful\"", StringComparison.Ordinal),
                "the tour's run to end Successful",
                30_000);

            await host.SignalAsync("INT");
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

            var errors = host.Output.Split('\n').Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"error lines after Ctrl+C:\n{host.Output}");
            Assert.Equal(0, exitCode);
            Assert.Contains("Application is shutting down", host.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
}
