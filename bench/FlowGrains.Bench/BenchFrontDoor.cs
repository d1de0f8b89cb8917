using FlowGrains.Connectors;
using FlowGrains.Host.Apis;
using FlowGrains.Host.Auth;
using FlowGrains.Host.Hosting;

namespace FlowGrains.Bench;

/// <summary>The host as Program.cs wires its silo and front door, on loopback ports of its own, with a connector that moves nothing.</summary>
internal static class BenchFrontDoor
{
    public static WebApplicationBuilder CreateBuilder(int httpPort, params string[] settings)
    {
        var builder = WebApplication.CreateBuilder([
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Orleans:Endpoints:SiloPort={LoopbackPorts.Free()}",
            $"--Orleans:Endpoints:GatewayPort={LoopbackPorts.Free()}",
            "--Logging:LogLevel:Default=Warning",
            .. BenchRunLimits.Settings,
            .. settings,
        ]);
        builder.AddSiloProfile();
        builder.AddFlowGrainsSilo();
        builder.AddFrontDoor();
        builder.AddFlowGrainsAuth();
        builder.Services.AddFlowConnector<NullConnector>();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseFrontDoorErrors();
        app.UseFlowGrainsAuth();
        app.MapFlowsApi();
        return app;
    }
}
