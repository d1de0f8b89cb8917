using FlowGrains.Host.Auth;
using Orleans.Dashboard;

namespace FlowGrains.Host.Hosting;

/// <summary>The Orleans Dashboard at /dashboard, for Admin keys only; <c>FlowGrains:Dashboard:Enabled=false</c> leaves it out.</summary>
internal static class DashboardHosting
{
    public const string EnabledKey = "FlowGrains:Dashboard:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, defaultValue: true);

    public static WebApplication MapFlowGrainsDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireRole(AccessRole.Admin);
        }

        return app;
    }
}
