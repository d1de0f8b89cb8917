using System.Net;

namespace FlowGrains.Connectors.S3;

/// <summary>S3's rules for general purpose bucket names.</summary>
internal static class S3BucketName
{
    /// <summary>Why <paramref name="name"/> is not a valid bucket name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return "must be 3 to 63 characters long.";
        }

        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
        {
            return "may contain only lowercase letters, digits, dots and hyphens.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "must begin and end with a letter or digit.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain two adjacent dots.";
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return "must not be formatted as an IP address.";
        }

        return name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal)
            || name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal)
            ? "must not use a prefix or suffix S3 reserves (xn--, sthree-, -s3alias, --ol-s3)."
            : null;
    }
}
