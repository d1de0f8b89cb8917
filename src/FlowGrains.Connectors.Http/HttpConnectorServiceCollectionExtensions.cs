using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlowGrains.Connectors.Http;

/// <summary>How a silo adds the Http connector.</summary>
public static class HttpConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HttpConnector"/> (connector type <c>Http</c>) and its named <see cref="HttpClient"/>,
    /// which connects through the egress policy and does not follow redirects so credentials never reach another host.
    /// </summary>
    public static IServiceCollection AddHttpConnector(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(FlowGrainsClock.ServiceKey, TimeProvider.System);
        services.AddFlowEgress();
        services.AddHttpClient(HttpConnector.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => EgressHttp.Handler(provider.GetRequiredService<IEgressPolicy>()));
        return services.AddFlowConnector<HttpConnector>();
    }
}
