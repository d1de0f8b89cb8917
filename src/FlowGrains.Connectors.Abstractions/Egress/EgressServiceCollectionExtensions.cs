using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Connectors.Egress;

/// <summary>How a silo, or a connector's registration, adds the egress policy (once, however often it is asked).</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEgressPolicy"/> on the system resolver with <see cref="EgressOptions"/> checked at start;
    /// the host binds the options to <see cref="EgressOptions.SectionName"/>.
    /// </summary>
    public static IServiceCollection AddFlowEgress(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddOptions<EgressOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>());
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<IEgressPolicy, EgressPolicy>();
        return services;
    }
}

/// <summary>Refuses to start with an allow-list entry that is neither a CIDR, an address nor a host name (naming it), or a check timeout out of range.</summary>
internal sealed class EgressOptionsValidator : IValidateOptions<EgressOptions>
{
    public ValidateOptionsResult Validate(string? name, EgressOptions options)
    {
        var problems = options.Allow
            .Select((entry, i) => (entry, i, problem: EgressAllowList.Problem(entry)))
            .Where(item => item.problem is not null)
            .Select(item => $"{EgressOptions.SectionName}:Allow:{item.i} ('{item.entry}') {item.problem}.")
            .ToList();
        if (options.CheckTimeout < TimeSpan.FromMilliseconds(100) || options.CheckTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{EgressOptions.SectionName}:CheckTimeout must be between 100 ms and 1 minute.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
