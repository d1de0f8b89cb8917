using FlowGrains.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.PluginConnector.Sample;

/// <summary>How a silo adds the sample plug-in: its tables and its connector, through the API's registration.</summary>
public static class SampleConnectorServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SampleTables"/> and <see cref="SampleTableConnector"/>.</summary>
    public static IServiceCollection AddSampleTableConnector(this IServiceCollection services)
    {
        services.AddSingleton<SampleTables>();
        return services.AddFlowConnector<SampleTableConnector>();
    }
}
