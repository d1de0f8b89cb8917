using FlowGrains.Postgres.Hosting;

namespace FlowGrains.Host.Hosting;

/// <summary>Where the cluster keeps its membership, grain state and reminders.</summary>
internal enum ClusterProvider
{
    /// <summary>In this process only: one silo, nothing survives a restart. The embedded default.</summary>
    Memory,

    /// <summary>Orleans' ADO.NET providers on PostgreSQL: many silos, everything durable.</summary>
    Postgres,
}

/// <summary>Reads the one setting, <c>Orleans:Providers</c>, that the silo profiles use to choose the providers.</summary>
internal static class ClusterProviders
{
    public const string Key = "Orleans:Providers";

    public static ClusterProvider Of(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (value is null)
        {
            return ClusterProvider.Memory;
        }

        return Enum.TryParse<ClusterProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{Key} is '{value}'; it must be Memory or Postgres.");
    }

    /// <summary>
    /// The validated connection string of the postgres profile, within the silo's connection budget; throws
    /// saying what is wrong. Everything in the silo that uses the database uses this string, so one pool serves them all.
    /// </summary>
    public static string PostgresConnectionString(IConfiguration configuration) =>
        PostgresConnectionSettings.WithBudget(
            PostgresConnectionSettings.Validate(configuration[PostgresConnectionSettings.Key]),
            PostgresConnectionSettings.MaxConnections(configuration[PostgresConnectionSettings.MaxConnectionsKey]));
}
