using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>Adds the ledger's retention job to a silo.</summary>
public static class LedgerRetentionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LedgerRetentionOptions"/> from <see cref="LedgerRetentionOptions.SectionName"/> and registers
    /// the retention reminder when the silo becomes active. The silo needs a reminder service.
    /// </summary>
    public static IServiceCollection AddLedgerRetention(this IServiceCollection services)
    {
        services.AddOptions<LedgerRetentionOptions>().BindConfiguration(LedgerRetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerRetentionOptions>, LedgerRetentionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, LedgerRetentionStarter>());
        return services;
    }
}
