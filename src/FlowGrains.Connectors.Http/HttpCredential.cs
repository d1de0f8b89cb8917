namespace FlowGrains.Connectors.Http;

/// <summary>
/// The header a profile's credential is sent in. <see cref="Secrets"/> are the values that must never appear
/// in a log or an error message (they are masked in response excerpts too).
/// </summary>
internal sealed record HttpCredential(string HeaderName, string HeaderValue, IReadOnlyList<string> Secrets)
{
    /// <inheritdoc />
    public override string ToString() => $"HttpCredential {{ HeaderName = {HeaderName}, HeaderValue = (hidden) }}";
}
