using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Postgres.Hosting;
using FlowGrains.Postgres.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlowGrains.Integration.Tests.Ledger;

/// <summary>A silo on PostgreSQL keeps its ledger there, whether the flow grains are added before or after the provider.</summary>
public sealed class PostgresLedgerRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ThePostgresProfile_UsesThePostgresLedger_WhicheverIsAddedFirst(bool postgresFirst)
    {
        const string connectionString = "Host=127.0.0.1;Database=never-opened";
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            if (postgresFirst)
            {
                silo.UseFlowGrainsPostgres(connectionString).AddFlowGrains();
            }
            else
            {
                silo.AddFlowGrains().UseFlowGrainsPostgres(connectionString);
            }
        });
        using var host = builder.Build();

        Assert.IsType<PostgresFlowLedgerStore>(host.Services.GetRequiredService<IFlowLedgerStore>());
        Assert.Single(builder.Services, service => service.ServiceType == typeof(IFlowLedgerStore));
    }
}
