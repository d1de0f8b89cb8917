using System.Collections.Immutable;

namespace FlowGrains.Grains.Validation;

/// <summary>
/// The tag operations of a grain whose state holds its tags: each change is checked by <see cref="TagRules"/>
/// and handed to <paramref name="store"/>, which writes it and keeps it only when the write succeeded.
/// </summary>
internal sealed class TaggedState(
    Func<ImmutableSortedDictionary<string, string>> read, Func<ImmutableSortedDictionary<string, string>, Task> store)
{
    public Task<ImmutableSortedDictionary<string, string>> TagAsync(ImmutableSortedDictionary<string, string> tags) =>
        StoreAsync(TagRules.Add(read(), tags));

    public Task<ImmutableSortedDictionary<string, string>> UntagAsync(ImmutableArray<string> tagKeys) =>
        StoreAsync(TagRules.Remove(read(), tagKeys));

    private async Task<ImmutableSortedDictionary<string, string>> StoreAsync(ImmutableSortedDictionary<string, string> tags)
    {
        await store(tags);
        return tags;
    }
}
