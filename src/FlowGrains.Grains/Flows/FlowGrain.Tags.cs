using System.Collections.Immutable;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.Flows;

/// <summary>The flow's tags (TagResource, UntagResource, ListTagsForResource).</summary>
public sealed partial class FlowGrain
{
    private TaggedState Tags => new(() => State.Tags, tags => _record!.WriteAsync(State with { Tags = tags }));

    /// <inheritdoc />
    public Task<ImmutableSortedDictionary<string, string>> TagResourceAsync(ImmutableSortedDictionary<string, string> tags)
    {
        EnsureExists();
        return Tags.TagAsync(tags);
    }

    /// <inheritdoc />
    public Task<ImmutableSortedDictionary<string, string>> UntagResourceAsync(ImmutableArray<string> tagKeys)
    {
        EnsureExists();
        return Tags.UntagAsync(tagKeys);
    }

    /// <inheritdoc />
    public Task<ImmutableSortedDictionary<string, string>> ListTagsForResourceAsync()
    {
        EnsureExists();
        return Task.FromResult(State.Tags);
    }
}
