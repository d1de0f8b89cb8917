using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Tests.Auth;

/// <summary>Secure by default: a durable or reachable host runs open only when told to.</summary>
public sealed class AuthModeRuleTests
{
    private static readonly AccessKeyOptions AdminKey = new() { Id = "AKADMIN", Secret = "0123456789abcdef", Role = AccessRole.Admin };

    [Fact]
    public void TheEmbeddedProfileOnLoopback_RunsOpen() =>
        Assert.Equal(AuthMode.None, AuthModeRule.Resolve(new AuthOptions(), durableProfile: false, ["http://127.0.0.1:5000", "http://localhost:5001"]));

    [Fact]
    public void ConfiguredKeys_AreRequired() =>
        Assert.Equal(AuthMode.Keys, AuthModeRule.Resolve(new AuthOptions { Keys = [AdminKey] }, durableProfile: false, ["http://127.0.0.1:5000"]));

    [Fact]
    public void ThePostgresProfileWithoutKeys_RefusesToStart_NamingBothWaysOut()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AuthModeRule.Resolve(new AuthOptions(), durableProfile: true, ["http://127.0.0.1:5000"]));

        Assert.StartsWith("The postgres profile needs access keys: configure one under FlowGrains:Auth:Keys", refused.Message);
        Assert.Contains("or set FlowGrains:Auth:Mode=None", refused.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://10.1.2.3:5000")]
    public void AnAddressBeyondLoopbackWithoutKeys_RefusesToStart(string url)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AuthModeRule.Resolve(new AuthOptions(), durableProfile: false, ["http://127.0.0.1:5000", url]));

        Assert.StartsWith($"Listening on {url} needs access keys", refused.Message);
    }

    [Fact]
    public void ModeNone_RunsOpenAnywhere_WhenSaidExplicitly() =>
        Assert.Equal(AuthMode.None, AuthModeRule.Resolve(new AuthOptions { Mode = AuthMode.None }, durableProfile: true, ["http://0.0.0.0:8080"]));

    [Fact]
    public void ModeKeysWithoutAKey_RefusesToStart()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AuthModeRule.Resolve(new AuthOptions { Mode = AuthMode.Keys }, durableProfile: false, []));

        Assert.Equal("FlowGrains:Auth:Mode is Keys, but no key is configured under FlowGrains:Auth:Keys.", refused.Message);
    }

    [Fact]
    public void AKeyWithAShortSecret_RefusesToStart()
    {
        var weak = new AccessKeyOptions { Id = "AKWEAK", Secret = "short", Role = AccessRole.Reader };

        var refused = Assert.Throws<InvalidOperationException>(() => AuthModeRule.Resolve(new AuthOptions { Keys = [AdminKey, weak] }, durableProfile: false, []));

        Assert.Equal("FlowGrains:Auth:Keys:1 needs an Id and a Secret of at least 16 characters.", refused.Message);
    }
}
