using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowGrains.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// Encrypts profile credentials with AES-256-GCM under the configured key. The profile name is bound in
/// as associated data, so a stored blob cannot be moved to another profile and still decrypt; so is the
/// purpose of a blob that holds something else than the credentials (a profile's secret properties).
/// </summary>
public sealed class CredentialProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Reads the key; a configured key that is not base64 of 32 bytes stops the silo.</summary>
    public CredentialProtector(IOptions<ConnectorProfileOptions> options, ILogger<CredentialProtector> logger)
    {
        if (string.IsNullOrEmpty(options.Value.EncryptionKey))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            GrainsLog.EphemeralCredentialKey(logger);
            return;
        }

        _key = ParseKey(options.Value.EncryptionKey)
            ?? throw new OptionsValidationException(
                ConnectorProfileOptions.SectionName,
                typeof(ConnectorProfileOptions),
                [$"{ConnectorProfileOptions.SectionName}:EncryptionKey must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)."]);
    }

    /// <summary>Whether <paramref name="key"/> is a usable key (base64 of exactly 32 bytes).</summary>
    public static bool IsValidKey(string? key) => ParseKey(key) is not null;

    /// <summary>The sealed form of <paramref name="credentials"/> for the profile <paramref name="profileName"/> (and <paramref name="purpose"/>, when given).</summary>
    public byte[] Protect(string profileName, IReadOnlyDictionary<string, string> credentials, string? purpose = null)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(credentials);
        var sealedBlob = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedBlob[0] = FormatVersion;
        var nonce = sealedBlob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBlob.AsSpan(1 + NonceSize + TagSize), sealedBlob.AsSpan(1 + NonceSize, TagSize), AssociatedData(profileName, purpose));
        CryptographicOperations.ZeroMemory(plain);
        return sealedBlob;
    }

    /// <summary>The credentials sealed by <see cref="Protect"/>; a <see cref="ConnectorException"/> when the key does not open them.</summary>
    public ImmutableSortedDictionary<string, string> Unprotect(string profileName, byte[] sealedBlob, string? purpose = null)
    {
        if (sealedBlob.Length < 1 + NonceSize + TagSize || sealedBlob[0] != FormatVersion)
        {
            throw Unreadable(profileName, purpose);
        }

        var plain = new byte[sealedBlob.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBlob.AsSpan(1, NonceSize), sealedBlob.AsSpan(1 + NonceSize + TagSize), sealedBlob.AsSpan(1 + NonceSize, TagSize), plain, AssociatedData(profileName, purpose));
            return JsonSerializer.Deserialize<Dictionary<string, string>>(plain)!.ToImmutableSortedDictionary(StringComparer.Ordinal);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Unreadable(profileName, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// A keyed digest of <paramref name="credentials"/>, so a retry can be told from a different request without
    /// storing anything a guess of the secret could be checked against.
    /// </summary>
    public string Digest(string profileName, IReadOnlyDictionary<string, string> credentials)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object[] { profileName, credentials.OrderBy(entry => entry.Key, StringComparer.Ordinal) });
        var digestKey = HMACSHA256.HashData(_key, "credential digest"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(digestKey, canonical));
    }

    // No profile name has a space, so no name and purpose together spell another profile's name.
    private static byte[] AssociatedData(string profileName, string? purpose) =>
        Encoding.UTF8.GetBytes(purpose is null ? profileName : $"{profileName} {purpose}");

    private static ConnectorException Unreadable(string profileName, string? purpose) =>
        new($"The {purpose ?? "credentials"} of connector profile '{profileName}' cannot be decrypted with the configured {ConnectorProfileOptions.SectionName}:EncryptionKey; update the profile or restore the key it was saved with.");

    private static byte[]? ParseKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var bytes = new byte[32];
        return Convert.TryFromBase64String(key, bytes, out var written) && written == 32 ? bytes : null;
    }
}
