namespace FlowGrains.Host.Apis.Requests;

/// <summary>The body of /tag-resource.</summary>
public sealed class TagResourceBody
{
    public string? ResourceArn { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>The body of /untag-resource.</summary>
public sealed class UntagResourceBody
{
    public string? ResourceArn { get; set; }
    public List<string>? TagKeys { get; set; }
}

/// <summary>The body of /list-tags-for-resource.</summary>
public sealed class ResourceArnBody
{
    public string? ResourceArn { get; set; }
}
