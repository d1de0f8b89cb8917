using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Connectors.Egress;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Connectors.Postgres;

/// <summary>How a silo adds the PostgreSQL connector.</summary>
public static class PostgresConnectorServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PostgresConnector"/> (connector type <c>Postgres</c>) as a source and destination.</summary>
    public static IServiceCollection AddPostgresConnector(this IServiceCollection services) =>
        services.AddFlowEgress().AddFlowConnector<PostgresConnector>();
}
