using FlowGrains.Host.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowGrains.Host.Health;

/// <summary>
/// <c>/health/live</c> answers while the process serves requests; <c>/health/ready</c> only while the silo
/// is active in the cluster and, on the postgres profile, the database answers. Load balancers and the
/// compose healthchecks route by the second.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        if (ClusterProviders.Of(builder.Configuration) == ClusterProvider.Postgres)
        {
            var connectionString = ClusterProviders.PostgresConnectionString(builder.Configuration);
            checks.Add(new HealthCheckRegistration(
                "postgres", _ => new PostgresHealthCheck(connectionString), failureStatus: null, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3)));
        }

        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
