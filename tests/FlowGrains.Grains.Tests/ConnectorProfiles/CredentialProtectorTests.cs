using System.Text;
using FlowGrains.Connectors;
using FlowGrains.Grains.ConnectorProfiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

public sealed class CredentialProtectorTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static CredentialProtector With(string? key) =>
        new(Options.Create(new ConnectorProfileOptions { EncryptionKey = key }), NullLogger<CredentialProtector>.Instance);

    [Fact]
    public void Sealed_Credentials_OpenAgain_AndHoldNoPlaintext()
    {
        var protector = With(KeyA);

        var sealedBlob = protector.Protect("p1", new Dictionary<string, string> { ["password"] = "hunter2-secret" });

        Assert.DoesNotContain("hunter2-secret", Encoding.UTF8.GetString(sealedBlob));
        Assert.Equal("hunter2-secret", protector.Unprotect("p1", sealedBlob)["password"]);
    }

    [Fact]
    public void ABlobSealedForAPurpose_OpensOnlyForThatPurpose_AndTheErrorSaysWhatItHeld()
    {
        var protector = With(KeyA);

        var sealedBlob = protector.Protect("p1", new Dictionary<string, string> { ["headers.X-Token"] = "x" }, "secret properties");

        Assert.Equal("x", protector.Unprotect("p1", sealedBlob, "secret properties")["headers.X-Token"]);
        Assert.Throws<ConnectorException>(() => protector.Unprotect("p1", sealedBlob));
        var error = Assert.Throws<ConnectorException>(() => With(KeyB).Unprotect("p1", sealedBlob, "secret properties"));
        Assert.StartsWith("The secret properties of connector profile 'p1' cannot be decrypted", error.Message);
    }

    [Fact]
    public void SealingTwice_GivesDifferentBlobs()
    {
        var protector = With(KeyA);
        var credentials = new Dictionary<string, string> { ["password"] = "x" };

        Assert.NotEqual(protector.Protect("p1", credentials), protector.Protect("p1", credentials));
    }

    [Fact]
    public void AnotherKey_CannotOpenThem_AndSaysWhichSettingToFix()
    {
        var sealedBlob = With(KeyA).Protect("p1", new Dictionary<string, string> { ["password"] = "x" });

        var error = Assert.Throws<ConnectorException>(() => With(KeyB).Unprotect("p1", sealedBlob));

        Assert.Equal(
            "The credentials of connector profile 'p1' cannot be decrypted with the configured FlowGrains:ConnectorProfiles:EncryptionKey; update the profile or restore the key it was saved with.",
            error.Message);
    }

    [Fact]
    public void ABlobMovedToAnotherProfile_DoesNotOpen()
    {
        var protector = With(KeyA);
        var sealedBlob = protector.Protect("p1", new Dictionary<string, string> { ["password"] = "x" });

        Assert.Throws<ConnectorException>(() => protector.Unprotect("p2", sealedBlob));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void AMalformedKey_StopsTheSilo_NamingTheSetting(string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => With(key));

        Assert.Contains("FlowGrains:ConnectorProfiles:EncryptionKey must be the base64 of 32 random bytes", error.Message);
    }

    [Fact]
    public void NoKey_UsesOneForThisProcessOnly()
    {
        var first = With(null);
        var sealedBlob = first.Protect("p1", new Dictionary<string, string> { ["password"] = "x" });

        Assert.Equal("x", first.Unprotect("p1", sealedBlob)["password"]);
        Assert.Throws<ConnectorException>(() => With(null).Unprotect("p1", sealedBlob));
    }
}
