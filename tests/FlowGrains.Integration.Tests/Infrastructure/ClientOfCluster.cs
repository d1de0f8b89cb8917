using FlowGrains.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A .NET service outside a <see cref="HostCluster"/>, wired only by <c>UseFlowGrainsClient</c> from configuration
/// the way an operator would set it: ADO.NET clustering on the cluster's database, so it learns every gateway.
/// </summary>
public sealed class ClientOfCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientOfCluster(IHost host) => _host = host;

    /// <summary>The client's grain factory.</summary>
    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a client of <paramref name="cluster"/> whose calls give up after <paramref name="responseTimeout"/>.</summary>
    public static async Task<ClientOfCluster> ConnectAsync(HostCluster cluster, TimeSpan responseTimeout)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{FlowGrainsClientOptions.SectionName}:Clustering"] = "AdoNet",
            [$"{FlowGrainsClientOptions.SectionName}:ConnectionString"] = cluster.ConnectionString,
            [$"{FlowGrainsClientOptions.SectionName}:ClusterId"] = cluster.ClusterId,
            [$"{FlowGrainsClientOptions.SectionName}:ResponseTimeout"] = responseTimeout.ToString(),
        });
        builder.UseFlowGrainsClient();
        var host = builder.Build();
        await host.StartAsync();
        return new ClientOfCluster(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(patience.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
