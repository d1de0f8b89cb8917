using System.Collections.Immutable;
using FlowGrains.Errors;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Grains.Validation;
using TestFlows = FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Validation;

/// <summary>AppFlow's tag rules for TagResource and UntagResource, the same for flows and connector profiles.</summary>
public sealed class TagRulesTests
{
    private static ImmutableSortedDictionary<string, string> Numbered(int count, string prefix = "k") =>
        Enumerable.Range(0, count).ToImmutableSortedDictionary(i => $"{prefix}{i:D2}", i => $"v{i}", StringComparer.Ordinal);

    private static void AssertInvalid(Action call, string message)
    {
        var error = Assert.Throws<FlowOperationException>(call);
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Add_AddsNewKeys_AndReplacesTheValuesOfExistingOnes()
    {
        var tags = TagRules.Add(TestFlows.Map(("a", "1"), ("b", "2")), TestFlows.Map(("b", "3"), ("c", "4")));

        Assert.Equal([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "3"), KeyValuePair.Create("c", "4")], tags);
    }

    [Fact]
    public void Add_ReplacingAKeyOfAFullResource_IsAllowed()
    {
        var tags = TagRules.Add(Numbered(50), TestFlows.Map(("k00", "new")));

        Assert.Equal(50, tags.Count);
        Assert.Equal("new", tags["k00"]);
    }

    [Fact]
    public void Add_ThatWouldMakeMoreThan50Tags_IsRefused() =>
        AssertInvalid(() => TagRules.Add(Numbered(50), TestFlows.Map(("one", "more"))), "tags: a resource holds at most 50 tags; it would hold 51.");

    [Fact]
    public void Add_OfMoreThan50TagsAtOnce_IsRefused()
    {
        var error = Assert.Throws<FlowOperationException>(() => TagRules.Add(ImmutableSortedDictionary<string, string>.Empty, Numbered(51)));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.StartsWith("tags", error.Message);
    }

    [Fact]
    public void Add_OfNoTags_IsRefused() =>
        AssertInvalid(() => TagRules.Add(TestFlows.Map(("a", "1")), ImmutableSortedDictionary<string, string>.Empty), "tags: must name at least one tag.");

    [Fact]
    public void Add_WithoutATagMap_IsRefused() =>
        AssertInvalid(() => TagRules.Add(TestFlows.Map(), null), "tags: is required (an empty map when there are none).");

    [Theory]
    [InlineData("aws:owner")]
    [InlineData("AWS:owner")]
    public void Add_OfAKeyStartingWithAws_IsRefused(string key) =>
        AssertInvalid(() => TagRules.Add(TestFlows.Map(), TestFlows.Map((key, "me"))), $"tags.{key}: tag keys must not start with 'aws:'.");

    [Fact]
    public void Remove_DropsTheKeys_AndIgnoresAbsentOnes()
    {
        var tags = TagRules.Remove(TestFlows.Map(("a", "1"), ("b", "2"), ("c", "3")), ["a", "c", "absent"]);

        Assert.Equal([KeyValuePair.Create("b", "2")], tags);
    }

    [Fact]
    public void Remove_OfNoKeys_IsRefused() =>
        AssertInvalid(() => TagRules.Remove(TestFlows.Map(("a", "1")), []), "tagKeys: must name 1-50 tag keys.");

    [Fact]
    public void Remove_WithoutAKeyList_IsRefused() =>
        AssertInvalid(() => TagRules.Remove(TestFlows.Map(("a", "1")), default), "tagKeys: must name 1-50 tag keys.");

    [Fact]
    public void Remove_OfMoreThan50Keys_IsRefused() =>
        AssertInvalid(() => TagRules.Remove(Numbered(50), [.. Numbered(51).Keys]), "tagKeys: must name 1-50 tag keys.");

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void Remove_OfAnEmptyOrTooLongKey_IsRefused(int length) =>
        AssertInvalid(() => TagRules.Remove(TestFlows.Map(("a", "1")), [new string('k', length)]), "tagKeys: each key must be 1-128 characters.");
}
