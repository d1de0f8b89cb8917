using FlowGrains.Connectors;
using FlowGrains.Host.Hosting;

namespace FlowGrains.Bench;

/// <summary>A started host of the postgres profile on the database of a connection string, with a connector that moves nothing.</summary>
internal static class DurableSilo
{
    public static async Task<WebApplication> StartAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder([
            $"--urls=http://127.0.0.1:{LoopbackPorts.Free()}",
            "--Orleans:Providers=Postgres",
            "--FlowGrains:Auth:Mode=None",
            $"--ConnectionStrings:FlowGrains={connectionString}",
            "--Orleans:Endpoints:AdvertisedIPAddress=127.0.0.1",
            $"--Orleans:Endpoints:SiloPort={LoopbackPorts.Free()}",
            $"--Orleans:Endpoints:GatewayPort={LoopbackPorts.Free()}",
            "--Logging:LogLevel:Default=Warning",
            .. BenchRunLimits.Settings,
        ]);
        builder.AddSiloProfile();
        builder.AddFlowGrainsSilo();
        builder.Services.AddFlowConnector<NullConnector>();
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }
}
