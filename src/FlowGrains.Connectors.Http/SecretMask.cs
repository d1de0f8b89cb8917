using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// Masks secrets in text a remote server sent back. A server may echo a secret as it was sent, JSON-escaped
/// (<c>\/</c>, <c>\u002B</c>, in any mix) or URL-encoded (<c>%2F</c>, either case): the text is masked, then
/// its JSON escapes are undone and it is masked again, then its percent-encoding is undone and it is masked
/// again (twice, for one escaping inside the other), so every form is caught whatever the server chose to
/// escape. The excerpt a caller sees is the unescaped text.
/// </summary>
internal static partial class SecretMask
{
    public const string Mask = "***";

    public static string Apply(string text, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0)
        {
            return text;
        }

        text = Replace(text, secrets);

        // Two rounds catch an escape inside an encoding (%5C%2F is a URL-encoded \/) and the reverse.
        for (var round = 0; round < 2; round++)
        {
            text = Replace(JsonEscape().Replace(text, Unescape), secrets);
            text = Replace(Uri.UnescapeDataString(text), secrets);
        }

        return text;
    }

    private static string Replace(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets.Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static string Unescape(Match match) => match.ValueSpan[1] switch
    {
        'u' => ((char)int.Parse(match.ValueSpan[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'b' => "\b",
        'f' => "\f",
        var other => other.ToString(),
    };

    [GeneratedRegex(@"\\(u[0-9A-Fa-f]{4}|[""\\/bfnrt])", RegexOptions.CultureInvariant)]
    private static partial Regex JsonEscape();
}
