using System.Collections.Immutable;
using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.Tests.Tokens;

public sealed class RequestFingerprintTests
{
    [Fact]
    public void EqualMaps_WithDifferentComparers_HaveTheSameFingerprint()
    {
        var ordinal = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("b", "1").Add("B", "2");
        var culture = ImmutableSortedDictionary.Create<string, string>(StringComparer.InvariantCultureIgnoreCase.WithOrdinalTieBreak()).Add("b", "1").Add("B", "2");

        Assert.Equal(RequestFingerprint.Of(ordinal), RequestFingerprint.Of(culture));
    }

    [Fact]
    public void DifferentValues_HaveDifferentFingerprints() =>
        Assert.NotEqual(
            RequestFingerprint.Of(ImmutableSortedDictionary<string, string>.Empty.Add("region", "eu")),
            RequestFingerprint.Of(ImmutableSortedDictionary<string, string>.Empty.Add("region", "us")));
}

internal static class ComparerExtensions
{
    public static IComparer<string> WithOrdinalTieBreak(this StringComparer comparer) =>
        Comparer<string>.Create((x, y) => comparer.Compare(x, y) is var c and not 0 ? c : string.CompareOrdinal(x, y));
}
