using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Testing;
using Microsoft.Playwright;

namespace FlowGrains.Console.Tests.Infrastructure;

/// <summary>
/// One real host process (embedded profile, keys on: an Admin and a Reader key from its configuration) and one
/// headless Chromium, shared by the console tests; each test opens its own browser context, so its tab starts
/// signed out.
/// </summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    public const string ReaderId = "AKCONSOLEREADER001";
    public const string ReaderSecret = "console-reader-secret-0123456789";

    private IPlaywright _playwright = null!;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's LocalFolder data root.</summary>
    public string DataRoot { get; } = Directory.CreateTempSubdirectory("flowgrains-console-").FullName;

    public string ConsoleUrl => $"http://127.0.0.1:{Host.HttpPort}/console/";

    public async Task InitializeAsync()
    {
        (_playwright, Browser) = await ConsoleBrowser.LaunchAsync();
        Host = await StartHostAsync(DataRoot, new Dictionary<string, string>
        {
            ["FlowGrains__Auth__Keys__0__Id"] = HostProcess.AdminKeyId,
            ["FlowGrains__Auth__Keys__0__Secret"] = HostProcess.AdminKeySecret,
            ["FlowGrains__Auth__Keys__0__Role"] = "Admin",
            ["FlowGrains__Auth__Keys__1__Id"] = ReaderId,
            ["FlowGrains__Auth__Keys__1__Secret"] = ReaderSecret,
            ["FlowGrains__Auth__Keys__1__Role"] = "Reader",
        });
    }

    /// <summary>Starts a host process on the embedded profile with <paramref name="auth"/> settings, on free ports, and waits until it is ready.</summary>
    public static async Task<HostProcess> StartHostAsync(string dataRoot, IReadOnlyDictionary<string, string> auth)
    {
        var (http, silo, gateway) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        var environment = new Dictionary<string, string>(auth)
        {
            ["FLOWGRAINS_PROFILE"] = "embedded",
            ["urls"] = $"http://127.0.0.1:{http}",
            ["Orleans__Endpoints__SiloPort"] = silo.ToString(),
            ["Orleans__Endpoints__GatewayPort"] = gateway.ToString(),
            ["FlowGrains__DataRoot"] = dataRoot,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var host = HostProcess.Start(environment, http, silo);
        try
        {
            await host.WaitReadyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }

    /// <summary>A new Operator key, made through the API by the Admin key, as an Admin would.</summary>
    public async Task<(string Id, string Secret)> CreateOperatorKeyAsync()
    {
        var data = await PostAsync("/create-access-key", new JsonObject { ["role"] = "Operator" });
        return (data["accessKeyId"]!.GetValue<string>(), data["secretAccessKey"]!.GetValue<string>());
    }

    /// <summary>Creates an OnDemand flow from a CSV file of two orders to a JSON lines folder, through the API.</summary>
    public async Task CreateOrdersFlowAsync(string flowName)
    {
        var input = Path.Combine(DataRoot, $"{flowName}-in");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "orders.csv"), "id,name,amount\n1,alice,10\n2,bob,20\n");
        await PostAsync("/create-flow", JsonNode.Parse("""
            {"flowName":"FLOW","triggerConfig":{"triggerType":"OnDemand"},
             "sourceFlowConfig":{"connectorType":"LocalFolder","sourceConnectorProperties":{"LocalFolder":{"path":"FLOW-in","fileType":"CSV"}}},
             "destinationFlowConfigList":[{"connectorType":"LocalFolder","destinationConnectorProperties":{"LocalFolder":{"path":"FLOW-out","fileType":"JSON"}}}],
             "tasks":[{"taskType":"Map","sourceFields":["name"],"destinationField":"customer","connectorOperator":{"LocalFolder":"NO_OP"}},
                      {"taskType":"Passthrough","sourceFields":["amount"]}]}
            """.Replace("FLOW", flowName, StringComparison.Ordinal))!);
    }

    /// <summary>The flow's run records, newest first, as the API (Admin key) describes them.</summary>
    public async Task<JsonArray> RunsAsync(string flowName) =>
        (await PostAsync("/describe-flow-execution-records", new JsonObject { ["flowName"] = flowName }))["flowExecutions"]!.AsArray();

    private async Task<JsonNode> PostAsync(string path, JsonNode body)
    {
        using var response = await Host.Client.PostAsJsonAsync(path, body);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(envelope["success"]!.GetValue<bool>(), $"{path} failed: {envelope.ToJsonString()}");
        return envelope["data"]!;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleHostCollection : ICollectionFixture<ConsoleHostFixture>
{
    public const string Name = "Console host";
}
