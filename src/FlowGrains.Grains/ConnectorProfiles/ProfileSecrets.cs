using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Errors;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// The profile properties a connector calls secret (<see cref="IFlowConnector.IsSecretProfileProperty"/>): stored
/// and described as <see cref="Mask"/>, their values sealed apart from the rest.
/// </summary>
internal static class ProfileSecrets
{
    /// <summary>What describe shows for a secret property, and what an update sends back to keep it.</summary>
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="properties"/> as shown (each secret value replaced by <see cref="Mask"/>) and the secret
    /// values by key.
    /// </summary>
    public static (ImmutableSortedDictionary<string, string> Shown, ImmutableSortedDictionary<string, string> Secret) Split(
        IFlowConnector connector, ImmutableSortedDictionary<string, string> properties)
    {
        var secret = properties.Where(entry => connector.IsSecretProfileProperty(entry.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal);
        return (properties.SetItems(secret.Select(entry => KeyValuePair.Create(entry.Key, Mask))), secret);
    }

    /// <summary>
    /// The properties a request means: a secret property sent as <see cref="Mask"/> takes its value from
    /// <paramref name="stored"/> (read only when needed), so describe, edit and update round-trip. Without a
    /// stored value that is a validation error naming the property under <paramref name="fieldPath"/>.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Resolve(
        IFlowConnector connector, ImmutableSortedDictionary<string, string> requested, Func<IReadOnlyDictionary<string, string>> stored, string fieldPath)
    {
        var kept = requested.Where(entry => entry.Value == Mask && connector.IsSecretProfileProperty(entry.Key)).Select(entry => entry.Key).ToList();
        if (kept.Count == 0)
        {
            return requested;
        }

        var previous = stored();
        return requested.SetItems(kept.Select(key => previous.TryGetValue(key, out var value) && value != Mask
            ? KeyValuePair.Create(key, value)
            : throw FlowOperationException.Invalid($"{fieldPath}.{key}", $"is {Mask}, which keeps a stored secret, but the profile has no stored value for it; send the value.")));
    }

    /// <summary>The purpose secret properties are sealed for, so their blob does not open as the credentials.</summary>
    public const string SealingPurpose = "secret properties";
}
