using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// Where a token applies: one operation on one flow. Tokens of StartFlow and UpdateFlow belong to one
/// life of the flow (its incarnation), so a flow deleted and created again starts with no tokens.
/// </summary>
internal readonly record struct ClientTokenScope(string FlowName, string Incarnation, string Operation)
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Start = "start";
    public const string Event = "event";

    /// <summary>The storage key of <paramref name="token"/>; the token is hashed so keys stay short whatever its length.</summary>
    public string KeyOf(string token) =>
        $"{FlowName}/{Incarnation}/{Operation}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}";
}
