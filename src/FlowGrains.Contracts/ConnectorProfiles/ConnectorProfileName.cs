using FlowGrains.Errors;

namespace FlowGrains.Contracts.ConnectorProfiles;

/// <summary>
/// The one place where a connectorProfileName becomes a grain key. Names are case-sensitive: 1–256
/// ASCII letters, digits and <c>_ - . / ! @ # + =</c>, as AppFlow allows.
/// </summary>
public static class ConnectorProfileName
{
    /// <summary>The longest profile name accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Returns the grain key for <paramref name="name"/>, or throws a validation error naming <paramref name="field"/>.</summary>
    public static string ToGrainKey(string? name, string field = "connectorProfileName")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw FlowOperationException.Invalid(field, "is required.");
        }

        if (name.Length > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || "_-./!@#+=".Contains(c)))
        {
            throw FlowOperationException.Invalid(field, $"must be 1-{MaxLength} characters of ASCII letters, digits or _-./!@#+=.");
        }

        return name;
    }
}
