using FlowGrains.Connectors.Egress;
using FlowGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Connectors.Egress;

/// <summary>What the egress policy refuses and what an operator's allow-list lets through.</summary>
public sealed class EgressPolicyTests
{
    private const string Remedy = "which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)";
    private readonly ScriptedResolver _dns = new();

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", "a loopback address")]
    [InlineData("127.8.9.10", "127.8.9.10", "a loopback address")]
    [InlineData("[::1]", "::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "::ffff:127.0.0.1", "a loopback address")]
    [InlineData("2130706433", "127.0.0.1", "a loopback address")]
    [InlineData("169.254.169.254", "169.254.169.254", "a cloud metadata address")]
    [InlineData("169.254.170.2", "169.254.170.2", "a cloud metadata address")]
    [InlineData("fd00:ec2::254", "fd00:ec2::254", "a cloud metadata address")]
    [InlineData("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "a cloud metadata address")]
    [InlineData("169.254.1.1", "169.254.1.1", "a link-local address")]
    [InlineData("fe80::1", "fe80::1", "a link-local address")]
    [InlineData("10.1.2.3", "10.1.2.3", "a private address")]
    [InlineData("172.31.255.1", "172.31.255.1", "a private address")]
    [InlineData("192.168.0.10", "192.168.0.10", "a private address")]
    [InlineData("fd12:3456::1", "fd12:3456::1", "a private (unique local) address")]
    [InlineData("100.100.100.200", "100.100.100.200", "a shared (CGNAT) address")]
    [InlineData("0.0.0.0", "0.0.0.0", "an unspecified address")]
    [InlineData("::", "::", "an unspecified address")]
    [InlineData("224.0.0.251", "224.0.0.251", "a multicast address")]
    [InlineData("ff02::1", "ff02::1", "a multicast address")]
    [InlineData("255.255.255.255", "255.255.255.255", "a reserved address")]
    public async Task RefusedAddress_IsRefused_SayingWhatItIs(string host, string shown, string kind)
    {
        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => Policy().ResolveAsync(host, CancellationToken.None).AsTask());

        Assert.Equal($"{shown} is {kind}, {Remedy}", refused.Message);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::6810:85e5")]
    public async Task PublicAddress_Passes(string host)
    {
        Assert.Equal(host, Assert.Single(await Policy().ResolveAsync(host, CancellationToken.None)).ToString());
    }

    [Fact]
    public async Task Localhost_ResolvesToLoopback_AndIsRefused()
    {
        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => Policy().ResolveAsync("localhost", CancellationToken.None).AsTask());

        Assert.Matches($"^'localhost' resolves to (127\\.0\\.0\\.1|::1), a loopback address, {Regex(Remedy)}$", refused.Message);
    }

    [Fact]
    public async Task NameWithOneRefusedAnswerAmongPublicOnes_IsRefused()
    {
        _dns.Script("mixed.example", "93.184.216.34,10.0.0.5");

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => Policy().ResolveAsync("mixed.example", CancellationToken.None).AsTask());

        Assert.Equal($"'mixed.example' resolves to 10.0.0.5, a private address, {Remedy}", refused.Message);
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.Google.Internal.")]
    [InlineData("instance-data.ec2.internal")]
    public async Task MetadataHostName_IsRefused_WithoutAskingDns(string host)
    {
        var name = host.ToLowerInvariant().TrimEnd('.');
        _dns.Script(name, "93.184.216.34");

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => Policy().ResolveAsync(host, CancellationToken.None).AsTask());

        Assert.Equal($"'{name}' is a cloud metadata host name, {Remedy}", refused.Message);
        Assert.Equal(0, _dns.Calls(name));
    }

    [Fact]
    public async Task AllowedCidr_LetsItsAddressesThrough_AndNoOthers()
    {
        var policy = Policy(allow: ["10.20.0.0/16", "::1"]);

        Assert.Equal("10.20.3.4", Assert.Single(await policy.ResolveAsync("10.20.3.4", CancellationToken.None)).ToString());
        Assert.Equal("::1", Assert.Single(await policy.ResolveAsync("::1", CancellationToken.None)).ToString());
        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => policy.ResolveAsync("10.21.0.1", CancellationToken.None).AsTask());
        Assert.Equal($"10.21.0.1 is a private address, {Remedy}", refused.Message);
    }

    [Fact]
    public async Task AllowedHostName_MayResolveAnywhere_OtherNamesMayNot()
    {
        var policy = Policy(allow: ["db.internal", "*.corp.example"]);
        foreach (var name in new[] { "db.internal", "other.internal", "a.corp.example", "corp.example" })
        {
            _dns.Script(name, "10.0.0.5");
        }

        Assert.Equal("10.0.0.5", Assert.Single(await policy.ResolveAsync("DB.internal", CancellationToken.None)).ToString());
        Assert.Equal("10.0.0.5", Assert.Single(await policy.ResolveAsync("a.corp.example", CancellationToken.None)).ToString());
        var other = await Assert.ThrowsAsync<EgressRefusedException>(() => policy.ResolveAsync("other.internal", CancellationToken.None).AsTask());
        var apex = await Assert.ThrowsAsync<EgressRefusedException>(() => policy.ResolveAsync("corp.example", CancellationToken.None).AsTask());
        Assert.Equal($"'other.internal' resolves to 10.0.0.5, a private address, {Remedy}", other.Message);
        Assert.Equal($"'corp.example' resolves to 10.0.0.5, a private address, {Remedy}", apex.Message);
    }

    [Fact]
    public async Task AllowLoopback_AllowsLoopbackOnly()
    {
        var policy = Policy(allowLoopback: true);

        Assert.Single(await policy.ResolveAsync("127.0.0.1", CancellationToken.None));
        Assert.Single(await policy.ResolveAsync("::1", CancellationToken.None));
        var metadata = await Assert.ThrowsAsync<EgressRefusedException>(() => policy.ResolveAsync("169.254.169.254", CancellationToken.None).AsTask());
        var link = await Assert.ThrowsAsync<EgressRefusedException>(() => policy.ResolveAsync("169.254.0.1", CancellationToken.None).AsTask());
        Assert.Equal($"169.254.169.254 is a cloud metadata address, {Remedy}", metadata.Message);
        Assert.Equal($"169.254.0.1 is a link-local address, {Remedy}", link.Message);
    }

    [Fact]
    public async Task Check_RefusesWhatIsKnownNow_AndPassesANameThatDoesNotResolveYet()
    {
        _dns.Script("later.example", [null]);
        _dns.Script("private.example", "192.168.1.20");
        var policy = Policy();

        Assert.Null(await policy.CheckAsync("later.example", CancellationToken.None));
        Assert.Null(await policy.CheckAsync("93.184.216.34", CancellationToken.None));
        Assert.Equal($"169.254.169.254 is a cloud metadata address, {Remedy}", (await policy.CheckAsync("169.254.169.254", CancellationToken.None))?.Message);
        Assert.Equal($"'private.example' resolves to 192.168.1.20, a private address, {Remedy}", (await policy.CheckAsync("private.example", CancellationToken.None))?.Message);
    }

    [Fact]
    public void AllowListEntries_ThatAreNeitherCidrAddressNorName_StopTheSilo()
    {
        var result = new EgressOptionsValidator().Validate(null, new EgressOptions
        {
            Allow = ["10.0.0.0/8", "10.0.0.0/99", "db.internal", "not a host", "*.corp.example", ""],
            CheckTimeout = TimeSpan.FromMinutes(5),
        });

        Assert.Equal(
            [
                "FlowGrains:Egress:Allow:1 ('10.0.0.0/99') is not a CIDR such as 10.0.0.0/8 or fd00::/8.",
                "FlowGrains:Egress:Allow:3 ('not a host') is neither a CIDR, an IP address nor a host name.",
                "FlowGrains:Egress:Allow:5 ('') is empty.",
                "FlowGrains:Egress:CheckTimeout must be between 100 ms and 1 minute.",
            ],
            result.Failures);
    }

    private EgressPolicy Policy(string[]? allow = null, bool allowLoopback = false) =>
        new(Options.Create(new EgressOptions { Allow = [.. allow ?? []], AllowLoopback = allowLoopback }), _dns, NullLogger<EgressPolicy>.Instance);

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
