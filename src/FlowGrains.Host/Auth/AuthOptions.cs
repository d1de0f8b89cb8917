namespace FlowGrains.Host.Auth;

/// <summary>Whether callers must present a key.</summary>
public enum AuthMode
{
    /// <summary>Anyone who reaches the port can do everything; a warning on every start.</summary>
    None,

    /// <summary>Every operation needs a key whose role allows it.</summary>
    Keys,
}

/// <summary>Identity settings, bound from <c>FlowGrains:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "FlowGrains:Auth";

    /// <summary>
    /// <c>Keys</c> or <c>None</c>. Unset: <c>Keys</c> when keys are configured; otherwise the embedded profile on
    /// loopback runs open, and the postgres profile or a non-loopback address refuses to start.
    /// </summary>
    public AuthMode? Mode { get; set; }

    /// <summary>The access keys (environment <c>FlowGrains__Auth__Keys__0__Id</c>, <c>…__Secret</c>, <c>…__Role</c>).</summary>
    public List<AccessKeyOptions> Keys { get; set; } = [];
}

/// <summary>One access key: an id and a secret, as AWS's, with one role. The secret is never logged.</summary>
public sealed class AccessKeyOptions
{
    public string Id { get; set; } = "";

    public string Secret { get; set; } = "";

    public AccessRole Role { get; set; } = AccessRole.Reader;

    public override string ToString() => $"AccessKey {{ Id = {Id}, Role = {Role}, Secret = (hidden) }}";
}
