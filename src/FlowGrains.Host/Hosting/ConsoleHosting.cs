using Microsoft.Extensions.FileProviders;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// The flows console at /console: an HTML page, a script module and a style sheet, embedded in the host so that
/// every way of running it (dotnet run, a build folder, the published image) serves the same files.
/// </summary>
/// <remarks>
/// The files hold no data, so they are served without a key, ahead of authentication; every API call the page
/// makes presents the user's key like any other caller. They are middleware, not routed endpoints, so the
/// route table that the key tests read holds operations only.
/// </remarks>
internal static class ConsoleHosting
{
    public const string Path = "/console";

    /// <summary>
    /// Scripts and styles only from the host itself and nothing inline, so an injected tag cannot run; API
    /// calls only to the host; the page may not be framed, nor submit a form anywhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // The files' manifest names: the root namespace and the Console folder (see the project file).
    private const string ResourcePrefix = "FlowGrains.Host.Console";

    public static WebApplication UseFlowsConsole(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleHosting).Assembly, ResourcePrefix);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), console =>
        {
            console.Use((context, next) =>
            {
                // The page loads its script and styles relative to /console/.
                if (context.Request.Path.Equals(Path, StringComparison.Ordinal))
                {
                    context.Response.Redirect(context.Request.PathBase + Path + "/", permanent: false);
                    return Task.CompletedTask;
                }

                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-cache";
                return next(context);
            });
            console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            console.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
        });
        return app;
    }
}
