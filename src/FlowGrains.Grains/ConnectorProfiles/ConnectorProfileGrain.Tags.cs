using System.Collections.Immutable;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The profile's tags (TagResource, UntagResource, ListTagsForResource).</summary>
public sealed partial class ConnectorProfileGrain
{
    private TaggedState Tags => new(() => state.State.Tags, StoreTagsAsync);

    private async Task StoreTagsAsync(ImmutableSortedDictionary<string, string> tags)
    {
        var previous = state.State.Tags;
        state.State.Tags = tags;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What this activation holds must stay what storage holds.
            state.State.Tags = previous;
            throw;
        }
    }

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
