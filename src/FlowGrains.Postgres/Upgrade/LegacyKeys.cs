using System.Globalization;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Postgres.Upgrade;

/// <summary>
/// The grain keys the previous version stored tokens and run pages under:
/// <c>{flow}/{incarnation}/{operation}/{token hash}</c> and <c>{flow}/{incarnation}/{page}</c>, create tokens
/// under incarnation "-" as the ledger keeps them. Flow names hold no '/' (<c>FlowName.IsValid</c>), so a key splits cleanly.
/// </summary>
internal static class LegacyKeys
{
    /// <summary>The life, operation and token hash of a token key; false for a key of another shape.</summary>
    public static bool TryParseToken(string key, out FlowLife life, out string operation, out string tokenHash)
    {
        var parts = key.Split('/');
        (life, operation, tokenHash) = (default, "", "");
        if (parts.Length != 4 || parts.Any(part => part.Length == 0))
        {
            return false;
        }

        (life, operation, tokenHash) = (new FlowLife(parts[0], parts[1]), parts[2], parts[3]);
        return true;
    }

    /// <summary>The life and page number of a run-page key; false for a key of another shape.</summary>
    public static bool TryParsePage(string key, out FlowLife life, out int page)
    {
        var parts = key.Split('/');
        (life, page) = (default, -1);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            return false;
        }

        life = new FlowLife(parts[0], parts[1]);
        return true;
    }
}
