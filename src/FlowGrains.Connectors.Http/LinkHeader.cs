using System.Text.RegularExpressions;

namespace FlowGrains.Connectors.Http;

/// <summary>Reads the <c>rel="next"</c> target of RFC 8288 <c>Link</c> headers.</summary>
internal static partial class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> includes <c>next</c>, as written (maybe relative); null when none.</summary>
    public static string? FindNext(IEnumerable<string> headerValues)
    {
        foreach (var value in headerValues)
        {
            foreach (Match link in LinkPattern().Matches(value))
            {
                var relations = link.Groups["params"].Value.Split(';')
                    .Select(parameter => parameter.Split('=', 2))
                    .Where(pair => pair.Length == 2 && pair[0].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(pair => pair[1].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (relations.Contains("next", StringComparer.OrdinalIgnoreCase))
                {
                    return link.Groups["target"].Value;
                }
            }
        }

        return null;
    }

    // One link-value: <target> followed by its ;-separated parameters, up to the comma that starts the next one.
    [GeneratedRegex("""<(?<target>[^>]*)>(?<params>(?:\s*;\s*[^;,="]+(?:=(?:"[^"]*"|[^;,"]*))?)*)""")]
    private static partial Regex LinkPattern();
}
