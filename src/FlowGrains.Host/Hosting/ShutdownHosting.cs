using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace FlowGrains.Host.Hosting;

/// <summary>Gives the host's graceful stop room for the silo's run drain and its leaving the cluster after it.</summary>
internal static class ShutdownHosting
{
    /// <summary>What the silo needs after the drain: deactivating its grains and leaving the membership table as Dead.</summary>
    internal static readonly TimeSpan SiloStopAllowance = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        // The host cancels a stop that outlasts its own timeout (30 s by default), which would cut the drain short.
        builder.Services.AddOptions<HostOptions>().PostConfigure<IOptions<RunsOptions>>((host, runs) =>
        {
            var needed = runs.Value.ShutdownTimeout + SiloStopAllowance;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return builder;
    }
}
