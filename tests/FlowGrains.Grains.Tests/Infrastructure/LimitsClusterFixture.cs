using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Limits;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// One silo with small quotas and run limits, for tests that fill them. Flows and profiles count cluster-wide, so the tests of
/// its collection run one at a time and remove what they create.
/// </summary>
public sealed class LimitsClusterFixture() : FlowClusterFixture(silos: 1)
{
    public static readonly QuotasOptions Quotas = new() { MaxFlows = 4, MaxConnectorProfiles = 2, MaxTasksPerFlow = 2, MaxDestinationsPerFlow = 1 };

    protected override void AddFlowsStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(FlowStorageNames.Provider);

    public static readonly RunsOptions Runs = new() { MaxConcurrentRunsPerFlow = 2, MaxConcurrentRunsPerSilo = 3 };

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.Configure<QuotasOptions>(options =>
        {
            options.MaxFlows = Quotas.MaxFlows;
            options.MaxConnectorProfiles = Quotas.MaxConnectorProfiles;
            options.MaxTasksPerFlow = Quotas.MaxTasksPerFlow;
            options.MaxDestinationsPerFlow = Quotas.MaxDestinationsPerFlow;
        });
        silo.Services.Configure<RunsOptions>(options =>
        {
            options.MaxConcurrentRunsPerFlow = Runs.MaxConcurrentRunsPerFlow;
            options.MaxConcurrentRunsPerSilo = Runs.MaxConcurrentRunsPerSilo;
        });
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsClusterCollection : ICollectionFixture<LimitsClusterFixture>
{
    public const string Name = "LimitsCluster";
}
