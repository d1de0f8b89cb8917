using System.Collections.Immutable;

namespace FlowGrains.Contracts.Tags;

/// <summary>
/// A resource that carries tags (AppFlow's TagResource, UntagResource and ListTagsForResource): flows and
/// connector profiles. A resource holds at most 50 tags; keys are 1–128 characters and do not start with
/// <c>aws:</c>, values at most 256 characters. Each call fails with NotFound when the resource does not exist.
/// </summary>
public interface ITaggedResource : IGrain
{
    /// <summary>Adds <paramref name="tags"/>, replacing the values of keys already present; returns all tags after the change.</summary>
    Task<ImmutableSortedDictionary<string, string>> TagResourceAsync(ImmutableSortedDictionary<string, string> tags);

    /// <summary>Removes the tags with these keys (keys not present are ignored); returns all tags after the change.</summary>
    Task<ImmutableSortedDictionary<string, string>> UntagResourceAsync(ImmutableArray<string> tagKeys);

    /// <summary>The resource's tags.</summary>
    Task<ImmutableSortedDictionary<string, string>> ListTagsForResourceAsync();
}
