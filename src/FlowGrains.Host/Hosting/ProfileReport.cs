using FlowGrains.Connectors.LocalFolder;

namespace FlowGrains.Host.Hosting;

/// <summary>Says at start-up which profile runs and where its data lives, so nobody mistakes memory for durable storage.</summary>
internal static partial class ProfileReport
{
    public static WebApplication ReportProfileOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FlowGrains.Host");
            ProfileStarted(logger, app.Configuration["profile"] ?? SiloProfileConfiguration.DefaultProfile, app.Services.GetRequiredService<DataRoot>().FullPath,
                DashboardHosting.IsEnabled(app.Configuration) ? "at /dashboard" : "off");
            if (ClusterProviders.Of(app.Configuration) == ClusterProvider.Memory)
            {
                InMemoryWarning(logger);
            }
            else
            {
                PostgresInUse(logger);
            }
        });
        return app;
    }

    [LoggerMessage(1, LogLevel.Information, "FlowGrains started with profile {Profile}; LocalFolder data root is {DataRoot}; dashboard {Dashboard}, OpenAPI at /openapi/v1.json, AWS wire at /aws")]
    private static partial void ProfileStarted(ILogger logger, string profile, string dataRoot, string dashboard);

    [LoggerMessage(2, LogLevel.Warning, "Storage is in memory (grain storage and reminders) with localhost clustering: flows, tokens and runs are lost when this process stops")]
    private static partial void InMemoryWarning(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Clustering, grain storage and reminders are on PostgreSQL ({Key})")]
    private static partial void PostgresInUse(ILogger logger, string key = Postgres.Hosting.PostgresConnectionSettings.Key);
}
