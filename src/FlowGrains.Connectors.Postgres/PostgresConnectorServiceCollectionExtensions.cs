using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Connectors.Postgres;

/// <summary>How a silo adds the PostgreSQL connector.</summary>
public static class PostgresConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresConnector"/> (connector type <c>Postgres</c>) as a source and destination, with
    /// its options bound from <c>FlowGrains:Postgres</c>.
    /// </summary>
    public static IServiceCollection AddPostgresConnector(this IServiceCollection services)
    {
        services.AddOptions<PostgresConnectorOptions>().BindConfiguration(PostgresConnectorOptions.SectionName)
            .Validate(options => options.QueryTimeout >= PostgresConnectorOptions.MinQueryTimeout && options.QueryTimeout <= PostgresConnectorOptions.MaxQueryTimeout, PostgresConnectorOptions.QueryTimeoutRule)
            .ValidateOnStart();
        return services.AddFlowEgress().AddFlowConnector<PostgresConnector>();
    }
}
