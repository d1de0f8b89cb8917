using FlowGrains.Integration.Tests.Auth;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.AwsClients;

/// <summary>
/// The tools AppFlow users already have, unchanged, against a host process on the postgres profile with keys:
/// the AWS CLI (Debian's package) and the AWS SDK for JavaScript v3 each drive a flow's whole life over the AWS
/// wire at /aws, and every error name FlowGrains answers with. The scripts are in tests/aws-clients.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class AwsClientTests(KeyedHost host) : IClassFixture<KeyedHost>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task AwsCli_DrivesAFlowsWholeLife()
    {
        var (exitCode, output) = await ClientScript.RunAsync("bash", ["cli-life.sh"], Environment("cli"), ScriptTimeout);

        Assert.True(exitCode == 0, $"cli-life.sh exited {exitCode}. Is the AWS CLI installed (apt-get install awscli)?\n{output}");
        Assert.Contains("cli: every step passed", output);
    }

    [Fact]
    public async Task JavaScriptSdk_DrivesAFlowsWholeLife_ThroughEveryOperation()
    {
        var js = Path.Combine(ClientScript.Folder, "js");
        if (!File.Exists(Path.Combine(js, "node_modules", "@aws-sdk", "client-appflow", "package.json")))
        {
            // So `dotnet test` works as the README gives it on a fresh clone: install the pinned SDK once.
            var (installed, log) = await ClientScript.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>(), ScriptTimeout, js);
            Assert.True(installed == 0, $"npm ci in tests/aws-clients/js failed ({installed}):\n{log}");
        }

        var (exitCode, output) = await ClientScript.RunAsync("node", ["sdk-life.mjs"], Environment("sdk"), ScriptTimeout, js);

        Assert.True(exitCode == 0, $"sdk-life.mjs exited {exitCode}:\n{output}");
        Assert.Contains("sdk: every step passed", output);
    }

    private Dictionary<string, string> Environment(string client)
    {
        var input = $"{client}-in";
        Directory.CreateDirectory(Path.Combine(host.DataRoot, input));
        File.WriteAllText(Path.Combine(host.DataRoot, input, "orders.csv"), "customer,amount\nalice,10\nbob,20\n");
        return new()
        {
            ["FLOWGRAINS_AWS_ENDPOINT"] = $"{host.Url}/aws",
            ["FLOWGRAINS_ADMIN_KEY"] = HostProcess.AdminKeyId,
            ["FLOWGRAINS_ADMIN_SECRET"] = HostProcess.AdminKeySecret,
            ["FLOWGRAINS_READER_KEY"] = KeyedHost.ReaderId,
            ["FLOWGRAINS_READER_SECRET"] = KeyedHost.ReaderSecret,
            ["FLOWGRAINS_PREFIX"] = $"t{Guid.NewGuid():N}"[..12],
            ["FLOWGRAINS_INPUT_FOLDER"] = input,
        };
    }
}
