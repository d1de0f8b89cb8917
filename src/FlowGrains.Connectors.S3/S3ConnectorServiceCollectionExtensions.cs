using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlowGrains.Connectors.S3;

/// <summary>How a silo adds the S3 connector.</summary>
public static class S3ConnectorServiceCollectionExtensions
{
    /// <summary>Registers the <c>S3</c> connector type; its S3 clients are disposed with the service provider.</summary>
    public static IServiceCollection AddS3Connector(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(FlowGrainsClock.ServiceKey, TimeProvider.System);
        services.AddFlowEgress();
        services.AddOptions<S3ConnectorOptions>();
        return services.AddFlowConnector<S3Connector>();
    }
}
