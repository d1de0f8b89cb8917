using System.Net;
using FlowGrains.Connectors.LocalFolder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlowGrains.Host.Tests;

/// <summary>The Orleans Dashboard can be left out by configuration; the API stays.</summary>
public sealed class DashboardSwitchTests
{
    [Fact]
    public async Task Dashboard_WhenSwitchedOff_IsNotServed_WhileTheApiIs()
    {
        var dataRoot = Directory.CreateTempSubdirectory("flowgrains-nodashboard-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("FlowGrains:Dashboard:Enabled", "false")
            .UseSetting("FlowGrains:DataRoot", dataRoot)
            .UseSetting("Orleans:Endpoints:SiloPort", LoopbackPorts.Free().ToString())
            .UseSetting("Orleans:Endpoints:GatewayPort", LoopbackPorts.Free().ToString()));
        using var client = factory.CreateClient();

        using var dashboard = await client.GetAsync("/dashboard/");
        using var api = await client.PostAsync("/list-flows", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Directory.Delete(dataRoot, recursive: true);
    }
}
