using System.Collections.Immutable;
using FlowGrains.Errors;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// The clientToken rules of create- and update-connector-profile: a retry with the same token and the same
/// request within 8 hours is answered with the first result and changes nothing; the same token with a
/// different request is a CLIENT_TOKEN_MISMATCH.
/// </summary>
internal static class ProfileClientTokens
{
    public const string Create = "create";
    public const string Update = "update";

    /// <summary>Whether this call repeats an accepted one (answer it without changing anything); throws on a mismatch.</summary>
    public static bool IsRetry(ImmutableArray<ProfileClientToken> tokens, string operation, string? token, string fingerprint, DateTimeOffset now)
    {
        if (token is null)
        {
            return false;
        }

        var accepted = tokens.FirstOrDefault(entry => entry.Operation == operation && entry.Token == token && entry.ExpiresAt > now);
        if (accepted is null)
        {
            return false;
        }

        return accepted.Fingerprint == fingerprint
            ? true
            : throw new FlowOperationException(FlowErrorCode.ClientTokenMismatch, $"clientToken '{token}' was already used with a different {operation}-connector-profile request.");
    }

    /// <summary>The tokens to store after accepting a call: the expired ones dropped, this one added when it has a token.</summary>
    public static ImmutableArray<ProfileClientToken> Accept(ImmutableArray<ProfileClientToken> tokens, string operation, string? token, string fingerprint, DateTimeOffset now)
    {
        var live = tokens.IsDefault ? [] : tokens.RemoveAll(entry => entry.ExpiresAt <= now);
        return token is null ? live : live.Add(new ProfileClientToken(operation, token, fingerprint, now + LedgerToken.Lifetime));
    }
}
