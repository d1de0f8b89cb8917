namespace FlowGrains.Host.Apis.Requests;

/// <summary>The body of /create-access-key.</summary>
public sealed class CreateAccessKeyBody
{
    public string? Role { get; set; }
}

/// <summary>The body of /revoke-access-key.</summary>
public sealed class RevokeAccessKeyBody
{
    public string? AccessKeyId { get; set; }
}

/// <summary>The body of /list-access-keys (nothing to say).</summary>
public sealed class ListAccessKeysBody;
