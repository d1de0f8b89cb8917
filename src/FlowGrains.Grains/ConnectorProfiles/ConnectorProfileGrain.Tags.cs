using System.Collections.Immutable;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The profile's tags (TagResource, UntagResource, ListTagsForResource).</summary>
public sealed partial class ConnectorProfileGrain
{
    private TaggedState Tags => new(() => state.State.Tags, tags => state.State.Tags = tags, state.WriteStateAsync);

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
        return Task.FromResult(state.State.Tags);
    }
}
