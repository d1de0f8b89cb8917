using FlowGrains.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace FlowGrains.Client;

/// <summary>Makes a .NET service a client of a FlowGrains cluster: <see cref="IClusterClient"/> and <see cref="IGrainFactory"/> reach the flow grains.</summary>
public static class FlowGrainsClientExtensions
{
    /// <summary>
    /// Wires the Orleans client from <c>FlowGrains:Client</c>, then <paramref name="configure"/>; throws an
    /// <see cref="OptionsValidationException"/> naming every wrong setting before anything connects. The client
    /// connects when the host starts and calls the same grains the HTTP front door calls, with the same results and errors.
    /// </summary>
    public static TBuilder UseFlowGrainsClient<TBuilder>(this TBuilder builder, Action<FlowGrainsClientOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var options = new FlowGrainsClientOptions();
        builder.Configuration.GetSection(FlowGrainsClientOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        var result = new FlowGrainsClientOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(FlowGrainsClientOptions.SectionName, typeof(FlowGrainsClientOptions), result.Failures);
        }

        // Clustering decides which gateway list provider is registered, so it is read once, here, not per resolve.
        builder.Services.AddSingleton(Options.Create(options));
        builder.UseOrleansClient(client =>
        {
            if (options.Clustering == FlowGrainsClustering.AdoNet)
            {
                client.UseAdoNetClustering(adoNet => (adoNet.Invariant, adoNet.ConnectionString) = ("Npgsql", options.ConnectionString));
                client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.EffectiveClusterId, options.ServiceId));
            }
            else
            {
                client.UseLocalhostClustering([.. options.EffectiveGatewayPorts], options.ServiceId, options.EffectiveClusterId);
            }

            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);

            // The contracts' codecs and grain interfaces, whatever assemblies the service's own discovery finds.
            client.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(IFlowGrain).Assembly));
        });
        return builder;
    }
}
