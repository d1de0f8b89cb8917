using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Connectors;

/// <summary>How a silo, or a co-hosted service, adds connector types.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TConnector"/> as a connector type flows can use.</summary>
    public static IServiceCollection AddFlowConnector<TConnector>(this IServiceCollection services)
        where TConnector : class, IFlowConnector
    {
        services.AddSingleton<IFlowConnector, TConnector>();
        return services;
    }

    /// <summary>Registers an existing connector instance as a connector type flows can use.</summary>
    public static IServiceCollection AddFlowConnector(this IServiceCollection services, IFlowConnector connector)
    {
        services.AddSingleton(connector);
        return services;
    }
}
