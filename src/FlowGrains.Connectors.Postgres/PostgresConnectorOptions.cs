namespace FlowGrains.Connectors.Postgres;

/// <summary>Settings of the Postgres connector, bound from the <c>FlowGrains:Postgres</c> configuration section.</summary>
public sealed class PostgresConnectorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Postgres";

    /// <summary>
    /// The statement timeout of a query source (default 30 seconds), at create-time describe and in runs,
    /// where it bounds the whole statement, streaming its rows included. A profile's <c>queryTimeoutSeconds</c>
    /// overrides it for the flows that use that profile.
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal const string QueryTimeoutRule = "FlowGrains:Postgres:QueryTimeout must be between 1 second and 1 day.";

    internal static readonly TimeSpan MinQueryTimeout = TimeSpan.FromSeconds(1);

    internal static readonly TimeSpan MaxQueryTimeout = TimeSpan.FromDays(1);
}
