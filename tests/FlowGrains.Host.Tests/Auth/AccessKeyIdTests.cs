using FlowGrains.Grains.AccessKeys;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Tests.Auth;

/// <summary>Made-up key ids are refused on their shape, before the cluster's key registry is asked.</summary>
public sealed class AccessKeyIdTests
{
    [Fact]
    public void NewIds_AreWellFormed()
    {
        Assert.All(Enumerable.Range(0, 100).Select(_ => AccessKeyMaterial.NewId()), id => Assert.True(AccessKeyMaterial.IsWellFormedId(id), id));
    }

    [Theory]
    [InlineData("AKFGABCDEFGHIJKLMNO")]
    [InlineData("AKFGABCDEFGHIJKLMNOPQ")]
    [InlineData("AKFGabcdefghijklmnop")]
    [InlineData("AKFGABCDEFGHIJKLMN01")]
    [InlineData("AKIAABCDEFGHIJKLMNOP")]
    [InlineData("")]
    public void IdsOfAnotherShape_AreNotWellFormed(string id)
    {
        Assert.False(AccessKeyMaterial.IsWellFormedId(id));
    }

    [Fact]
    public async Task AMadeUpId_IsUnrecognized_WithoutAskingTheRegistry()
    {
        // No grain factory at all: reaching the registry would throw a NullReferenceException instead.
        var keys = new AccessKeys(AuthMode.Keys, [], grains: null!, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<AuthFailure>(async () => await keys.FindAsync("AKNOBODY"));

        Assert.Equal("UnrecognizedClientException", failure.AwsName);
    }
}
