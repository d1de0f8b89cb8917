using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// Loads the silo profile from <c>silo-config/{profile}.json</c>. The profile comes from
/// <c>--profile</c> or <c>FLOWGRAINS_PROFILE</c> (default <c>embedded</c>). The file sits below
/// environment variables and the command line, so both still override anything it sets.
/// </summary>
internal static class SiloProfileConfiguration
{
    public const string DefaultProfile = "embedded";

    public static TBuilder AddSiloProfile<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var configuration = builder.Configuration;
        var profile = configuration["profile"] ?? configuration["FLOWGRAINS_PROFILE"] ?? DefaultProfile;
        var folder = Path.Combine(AppContext.BaseDirectory, "silo-config");
        var file = Path.Combine(folder, $"{profile}.json");
        if (!File.Exists(file))
        {
            var known = Directory.Exists(folder)
                ? string.Join(", ", Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension))
                : "none";
            throw new InvalidOperationException($"Unknown silo profile '{profile}' (profiles: {known}).");
        }

        var source = new JsonConfigurationSource { Path = file, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var firstOverride = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        sources.Insert(firstOverride < 0 ? sources.Count : firstOverride, source);
        configuration["profile"] = profile;
        return builder;
    }
}
