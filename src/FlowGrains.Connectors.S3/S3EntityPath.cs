using FlowGrains.Errors;

namespace FlowGrains.Connectors.S3;

/// <summary>An entity path or name of the S3 connector: <c>bucket</c> or <c>bucket/prefix</c> (a trailing slash is optional).</summary>
internal sealed record S3EntityPath(string BucketName, string Prefix)
{
    /// <summary>The prefix as a folder (<c>prefix/</c>), or empty for the whole bucket.</summary>
    public string ListPrefix => Prefix.Length == 0 ? string.Empty : Prefix + "/";

    /// <summary>Reads <paramref name="text"/>; a validation error naming <paramref name="field"/> when it names no valid bucket.</summary>
    public static S3EntityPath Parse(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw FlowOperationException.Invalid(field, "is required for S3: a bucket name, or bucket/prefix.");
        }

        var slash = text.IndexOf('/');
        var bucket = slash < 0 ? text : text[..slash];
        return S3BucketName.Problem(bucket) is { } problem
            ? throw FlowOperationException.Invalid(field, $"bucket name {problem}")
            : new S3EntityPath(bucket, slash < 0 ? string.Empty : text[(slash + 1)..].Trim('/'));
    }
}
