using FlowGrains.DataPlane.Telemetry;
using FlowGrains.Grains.Telemetry;
using FlowGrains.Host.Auth;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// OpenTelemetry: FlowGrains' meter with Orleans', ASP.NET Core's and Npgsql's beside it, scraped at
/// <c>/metrics</c> (Prometheus text) and sent over OTLP when <c>FlowGrains:Telemetry:OtlpEndpoint</c> (or
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set; traces of starts, runs and batches, with the HTTP request and
/// the grain calls, go over OTLP only, since nothing would read them otherwise.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Where the scrape endpoint answers.</summary>
    public const string MetricsPath = "/metrics";

    private const string OtlpEndpointKey = "FlowGrains:Telemetry:OtlpEndpoint";

    public static WebApplicationBuilder AddFlowGrainsTelemetry(this WebApplicationBuilder builder)
    {
        var otlpEndpoint = builder.Configuration[OtlpEndpointKey] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (otlpEndpoint is not null && !Uri.TryCreate(otlpEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} is '{otlpEndpoint}'; it must be an absolute URL such as http://collector:4317.");
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("flowgrains"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FlowTelemetry.Name, "Microsoft.Orleans", "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(options => options.Endpoint = new Uri(otlpEndpoint));
                }
            });
        if (otlpEndpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(FlowTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(options => options.Endpoint = new Uri(otlpEndpoint)));
        }

        return builder;
    }

    /// <summary>The Prometheus scrape endpoint; it tells what the cluster does, so it needs an Admin key when keys are on.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .WithMetadata(new RequiredRole(AccessRole.Admin))
            .RequireAuthorization(nameof(AccessRole.Admin));
        return app;
    }
}
