using System.Collections.Immutable;

namespace FlowGrains.Grains.Validation;

/// <summary>
/// The tag operations of a grain whose state holds its tags: each change is checked by <see cref="TagRules"/>,
/// written, and kept only when the write succeeded.
/// </summary>
internal sealed class TaggedState(
    Func<ImmutableSortedDictionary<string, string>> read, Action<ImmutableSortedDictionary<string, string>> keep, Func<Task> write)
{
    public Task<ImmutableSortedDictionary<string, string>> TagAsync(ImmutableSortedDictionary<string, string> tags) =>
        WriteAsync(TagRules.Add(read(), tags));

    public Task<ImmutableSortedDictionary<string, string>> UntagAsync(ImmutableArray<string> tagKeys) =>
        WriteAsync(TagRules.Remove(read(), tagKeys));

    private async Task<ImmutableSortedDictionary<string, string>> WriteAsync(ImmutableSortedDictionary<string, string> tags)
    {
        var previous = read();
        keep(tags);
        try
        {
            await write();
        }
        catch
        {
            keep(previous);
            throw;
        }

        return tags;
    }
}
