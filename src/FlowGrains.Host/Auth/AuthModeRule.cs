using System.Net;

namespace FlowGrains.Host.Auth;

/// <summary>
/// Secure by default: decides the mode from the settings, the profile and the addresses the host listens
/// on, and refuses to start a durable or reachable host that no key protects.
/// </summary>
internal static class AuthModeRule
{
    public static AuthMode Resolve(AuthOptions options, bool durableProfile, IEnumerable<string> urls)
    {
        var problems = options.Keys
            .Select((key, index) => string.IsNullOrWhiteSpace(key.Id) || key.Secret.Length < 16
                ? $"{AuthOptions.SectionName}:Keys:{index} needs an Id and a Secret of at least 16 characters."
                : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        switch (options.Mode)
        {
            case AuthMode.None:
                return AuthMode.None;
            case AuthMode.Keys when options.Keys.Count == 0:
                throw new InvalidOperationException($"{AuthOptions.SectionName}:Mode is Keys, but no key is configured under {AuthOptions.SectionName}:Keys.");
            case AuthMode.Keys:
                return AuthMode.Keys;
        }

        if (options.Keys.Count > 0)
        {
            return AuthMode.Keys;
        }

        var exposed = urls.FirstOrDefault(url => !IsLoopback(url));
        if (durableProfile || exposed is not null)
        {
            var why = durableProfile ? "The postgres profile" : $"Listening on {exposed}";
            throw new InvalidOperationException(
                $"{why} needs access keys: configure one under {AuthOptions.SectionName}:Keys (environment FlowGrains__Auth__Keys__0__Id, " +
                $"FlowGrains__Auth__Keys__0__Secret, FlowGrains__Auth__Keys__0__Role=Admin), or set {AuthOptions.SectionName}:Mode=None to let anyone who reaches the port do everything.");
        }

        return AuthMode.None;
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
