using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Reads a Postgres connector profile. Properties: <c>host</c> (required), <c>port</c> (1–65535, default 5432),
/// <c>databaseName</c> (required), <c>sslMode</c> (Disable, Allow, Prefer, Require, VerifyCA, VerifyFull;
/// Npgsql's default when missing), <c>allowQueries</c> (<c>true</c> lets flows read with a <c>query</c>; default
/// false, and only Admins manage profiles), <c>queryTimeoutSeconds</c> (1–86400, the statement timeout of those
/// queries; <see cref="PostgresConnectorOptions.QueryTimeout"/> when missing). Credentials: <c>username</c> (required), <c>password</c> (optional, for
/// servers that trust the client). Sessions run with TimeZone UTC.
/// </summary>
internal static class PostgresProfile
{
    private const string PropertiesPath = "connectorProfileProperties";
    private const string CredentialsPath = "connectorProfileCredentials";
    private static readonly string[] SslModes = Enum.GetNames<SslMode>();

    /// <summary>Checks every key of the profile; errors name the field under <paramref name="fieldPath"/>.</summary>
    public static void Validate(ConnectorProfileSettings profile, string fieldPath) => Read(profile, fieldPath, quickFailure: false);

    /// <summary>The database host, for the egress policy's check when a profile or a flow is saved.</summary>
    public static EgressTarget Target(ConnectorProfileSettings profile, string fieldPath) =>
        new(Read(profile, fieldPath, quickFailure: false).Host, $"{fieldPath}.{PropertiesPath}.host");

    /// <summary>The endpoint a run connects to; <paramref name="quickFailure"/> gives up after 5 seconds (for checks at create time).</summary>
    public static PostgresEndpoint Endpoint(ConnectorProfileSettings? profile, bool quickFailure = false) =>
        profile is null
            ? throw new ConnectorException("The Postgres connector needs a connector profile (connectorProfileName) saying which database to use.")
            : Read(profile, "connectorProfileConfig", quickFailure);

    private static PostgresEndpoint Read(ConnectorProfileSettings profile, string fieldPath, bool quickFailure)
    {
        var properties = new ConnectorProperties(profile.Properties, $"{fieldPath}.{PropertiesPath}")
            .AllowOnly("host", "port", "databaseName", "sslMode", "allowQueries", "queryTimeoutSeconds");
        var credentials = new ConnectorProperties(profile.Credentials, $"{fieldPath}.{CredentialsPath}")
            .AllowOnly("username", "password");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = properties.Required("host"),
            Port = properties.Integer("port", 5432, 1, 65535),
            Database = properties.Required("databaseName"),
            Username = credentials.Required("username"),
            Password = credentials.Optional("password"),
            Timezone = "UTC",
            ApplicationName = "FlowGrains",
            KeepAlive = 30,
            // A run's statements can wait long for their first row (a sort of a large table), never forever.
            CommandTimeout = quickFailure ? 5 : 600,
            Timeout = quickFailure ? 5 : 15,
        };
        if (properties.Optional("sslMode") is not null)
        {
            builder.SslMode = Enum.Parse<SslMode>(properties.OneOf("sslMode", null, SslModes));
        }

        var queryTimeout = properties.Optional("queryTimeoutSeconds") is null
            ? (TimeSpan?)null
            : TimeSpan.FromSeconds(properties.Integer("queryTimeoutSeconds", 0, 1, 86_400));
        return new PostgresEndpoint(builder.ConnectionString, builder.Host!, builder.Password)
        {
            AllowsQueries = properties.Boolean("allowQueries", false),
            QueryTimeout = queryTimeout,
        };
    }
}
