namespace FlowGrains.Contracts.Flows;

using FlowGrains.Errors;

/// <summary>
/// The one place where a user-facing flow name becomes a grain key. Names are case-sensitive and
/// used as they are: 1–256 ASCII letters, digits, '_' and '-', starting with a letter or digit.
/// </summary>
public static class FlowName
{
    /// <summary>The longest flow name accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether <paramref name="name"/> is a valid flow name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the grain key for <paramref name="name"/>, or throws a validation error naming <c>flowName</c>.</summary>
    public static string ToGrainKey(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw FlowOperationException.Invalid("flowName", "is required.");
        }

        if (!IsValid(name))
        {
            throw FlowOperationException.Invalid(
                "flowName",
                $"must be 1-{MaxLength} characters of ASCII letters, digits, '_' or '-', starting with a letter or digit.");
        }

        return name;
    }
}
