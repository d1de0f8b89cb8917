using FlowGrains.Host.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace FlowGrains.Host.Auth;

/// <summary>Wiring of identity: keys and their roles on every operation, secure by default.</summary>
internal static partial class AuthExtensions
{
    public static WebApplicationBuilder AddFlowGrainsAuth(this WebApplicationBuilder builder)
    {
        var options = new AuthOptions();
        builder.Configuration.GetSection(AuthOptions.SectionName).Bind(options);
        var urls = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var mode = AuthModeRule.Resolve(options, ClusterProviders.Of(builder.Configuration) == ClusterProvider.Postgres, urls);
        builder.Services.AddSingleton(services => new AccessKeys(mode, options.Keys, services.GetRequiredService<IGrainFactory>(), TimeProvider.System));
        builder.Services.AddSingleton<SigningKeyCache>();
        builder.Services.AddAuthentication(AccessKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessKeyAuthenticationHandler>(AccessKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RequiredRoleHandler>();
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var role in Enum.GetValues<AccessRole>())
            {
                authorization.AddPolicy(role.ToString(), policy => policy.AddRequirements(new RequiredRole(role)));
            }
        });
        return builder;
    }

    public static WebApplication UseFlowGrainsAuth(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<AccessKeys>().Required)
        {
            OpenToAnyone(app.Logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Only keys of <paramref name="role"/> or above may call these endpoints; a call that changes something is logged with its key.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, AccessRole role)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredRole(role)).RequireAuthorization(role.ToString());
        if (role > AccessRole.Reader)
        {
            builder.AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlowGrains.Host.Audit");
                Changing(logger, http.User.Identity?.Name ?? "(keys off)", http.Request.Path);
                return await next(context);
            });
        }

        return builder;
    }

    [LoggerMessage(1, LogLevel.Warning, "FlowGrains:Auth:Mode is None: anyone who reaches this host's port can do everything. Configure FlowGrains:Auth:Keys to require keys.")]
    private static partial void OpenToAnyone(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Key {KeyId} called {Operation}")]
    private static partial void Changing(ILogger logger, string keyId, string operation);
}
