using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Testing;

/// <summary>
/// The egress policy of test fixtures that start their own servers on 127.0.0.1: that address, and only it, is
/// named in the allow-list, so everything else a test points a connector at meets the real refusal.
/// </summary>
public static class LoopbackEgress
{
    /// <summary>The allow-list entry for the fixtures' servers.</summary>
    public const string Allow = "127.0.0.1/32";

    /// <summary>A policy allowing <see cref="Allow"/> and <paramref name="more"/>, resolving with <paramref name="resolver"/> (the system's by default).</summary>
    public static EgressPolicy Policy(IHostResolver? resolver = null, params string[] more) =>
        new(Options.Create(new EgressOptions { Allow = [Allow, .. more] }), resolver ?? new DnsHostResolver(), NullLogger<EgressPolicy>.Instance);
}
