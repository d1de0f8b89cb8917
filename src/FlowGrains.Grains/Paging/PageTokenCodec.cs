using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FlowGrains.Errors;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Paging;

/// <summary>
/// Makes opaque nextTokens: the position is signed with the configured key, so a token that was not
/// issued by this service (or was issued for another listing) is rejected.
/// </summary>
public sealed class PageTokenCodec
{
    private const int MacLength = 16;
    private readonly byte[] _key;

    /// <summary>Takes the configured key; without one, a random key that lives only in this process (said in a warning).</summary>
    public PageTokenCodec(IOptions<FlowGrainsOptions> options, ILogger<PageTokenCodec> logger)
    {
        if (string.IsNullOrEmpty(options.Value.PaginationKey))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            GrainsLog.EphemeralPaginationKey(logger);
            return;
        }

        _key = Encoding.UTF8.GetBytes(options.Value.PaginationKey);
    }

    /// <summary>A token for <paramref name="position"/> within the listing named by <paramref name="scope"/>.</summary>
    public string Encode(string scope, string position)
    {
        var payload = Encoding.UTF8.GetBytes(position);
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        Mac(scope, payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The position of <paramref name="token"/>; a validation error naming nextToken when it is not genuine.</summary>
    public string Decode(string scope, string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Forged();
        }

        if (bytes.Length <= MacLength)
        {
            throw Forged();
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength).ToArray();
        var expected = Mac(scope, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Forged();
        }

        return Encoding.UTF8.GetString(payload);
    }

    private byte[] Mac(string scope, byte[] payload) =>
        HMACSHA256.HashData(_key, (byte[])[.. Encoding.UTF8.GetBytes(scope), 0, .. payload]);

    private static FlowOperationException Forged() =>
        FlowOperationException.Invalid("nextToken", "is not a token this listing issued.");
}
