namespace FlowGrains.Host.Hosting;

/// <summary>
/// Loads the silo profile from <c>silo-config/{profile}.json</c>. The profile comes from
/// <c>--profile</c> or <c>FLOWGRAINS_PROFILE</c> (default <c>embedded</c>); environment variables and the
/// command line still override anything the file sets.
/// </summary>
internal static class SiloProfileConfiguration
{
    public const string DefaultProfile = "embedded";

    public static WebApplicationBuilder AddSiloProfile(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddEnvironmentVariables("FLOWGRAINS_");
        var profile = builder.Configuration["profile"] ?? DefaultProfile;
        var folder = Path.Combine(AppContext.BaseDirectory, "silo-config");
        var file = Path.Combine(folder, $"{profile}.json");
        if (!File.Exists(file))
        {
            var known = Directory.Exists(folder)
                ? string.Join(", ", Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension))
                : "none";
            throw new InvalidOperationException($"Unknown silo profile '{profile}' (profiles: {known}).");
        }

        builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        builder.Configuration["profile"] = profile;
        return builder;
    }
}
