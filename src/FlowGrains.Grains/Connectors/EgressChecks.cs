using FlowGrains.Connectors.Egress;

namespace FlowGrains.Grains.Connectors;

/// <summary>The early egress check of a profile's hosts, when a profile or a flow naming it is created or updated.</summary>
internal static class EgressChecks
{
    /// <summary>Throws <paramref name="failure"/> of the first target the policy is known to refuse now.</summary>
    public static async Task CheckAsync(
        IEgressPolicy policy, IEnumerable<EgressTarget> targets, Func<EgressTarget, EgressRefusedException, Exception> failure)
    {
        foreach (var target in targets)
        {
            if (await policy.CheckAsync(target.Host, CancellationToken.None) is { } refused)
            {
                throw failure(target, refused);
            }
        }
    }
}
