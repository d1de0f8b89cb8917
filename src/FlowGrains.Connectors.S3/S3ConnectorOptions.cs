namespace FlowGrains.Connectors.S3;

/// <summary>Settings of the S3 connector, bound from <c>FlowGrains:S3</c>.</summary>
public sealed class S3ConnectorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:S3";

    /// <summary>
    /// Whether an S3 flow without a connector profile may run on the host's own AWS credentials (environment
    /// variables, shared credentials files, EC2 instance or ECS task roles). Off by default: a flow's author could
    /// otherwise act with whatever the host's role may do.
    /// </summary>
    public bool AllowAmbientCredentials { get; set; }

    /// <summary>Why a flow without a profile is refused, for validation errors and run records.</summary>
    internal const string AmbientRefusal =
        "an S3 flow needs a connectorProfileName with keys, or the operator must allow ambient credentials (FlowGrains:S3:AllowAmbientCredentials)";
}
