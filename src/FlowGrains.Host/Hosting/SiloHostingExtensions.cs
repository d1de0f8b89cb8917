using System.Net;
using System.Net.Sockets;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Http;
using FlowGrains.Connectors.Limits;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Connectors.S3;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Limits;
using FlowGrains.Postgres.Hosting;
using FlowGrains.Postgres.Ledger;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace FlowGrains.Host.Hosting;

/// <summary>Makes this process an Orleans silo running the flow grains, with the providers of its profile.</summary>
internal static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddFlowGrainsSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FlowGrainsOptions>()
            .BindConfiguration(FlowGrainsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<ConnectorProfileOptions>().BindConfiguration(ConnectorProfileOptions.SectionName);
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RunsOptions>().BindConfiguration(RunsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QuotasOptions>().BindConfiguration(QuotasOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PostgresLedgerOptions>().BindConfiguration(PostgresLedgerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName);
        builder.Services.AddOptions<S3ConnectorOptions>().BindConfiguration(S3ConnectorOptions.SectionName);

        var endpoints = new OrleansEndpointOptions();
        builder.Configuration.GetSection(OrleansEndpointOptions.SectionName).Bind(endpoints);
        builder.Configuration.GetSection($"{OrleansEndpointOptions.SectionName}:Endpoints").Bind(endpoints);
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(endpoints, new(endpoints), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                OrleansEndpointOptions.SectionName, typeof(OrleansEndpointOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
        }

        var provider = ClusterProviders.Of(builder.Configuration);
        var connectionString = provider == ClusterProvider.Postgres ? ClusterProviders.PostgresConnectionString(builder.Configuration) : null;
        if (connectionString is not null)
        {
            // Before the silo joins anything: a wrong address or a missing schema stops here, saying so.
            PostgresConnectionSettings.EnsureReadyAsync(connectionString).GetAwaiter().GetResult();

            // Profiles stored durably must stay readable after a restart, so a process-only key will not do.
            var key = builder.Configuration[$"{ConnectorProfileOptions.SectionName}:EncryptionKey"];
            if (!CredentialProtector.IsValidKey(key))
            {
                throw new OptionsValidationException(ConnectorProfileOptions.SectionName, typeof(ConnectorProfileOptions),
                    [$"The postgres profile needs {ConnectorProfileOptions.SectionName}:EncryptionKey (environment FlowGrains__ConnectorProfiles__EncryptionKey): the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`, the same on every silo."]);
            }

            // A key every cluster would share (a public default) lets anyone forge nextTokens; each silo's own random one breaks paging across silos.
            if (builder.Configuration[$"{FlowGrainsOptions.SectionName}:PaginationKey"] is not { Length: >= 16 })
            {
                throw new OptionsValidationException(FlowGrainsOptions.SectionName, typeof(FlowGrainsOptions),
                    [$"The postgres profile needs {FlowGrainsOptions.SectionName}:PaginationKey (environment FlowGrains__PaginationKey): at least 16 random characters, e.g. from `openssl rand -base64 32`, the same on every silo."]);
            }
        }

        builder.UseOrleans(silo =>
        {
            if (connectionString is null)
            {
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: endpoints.ServiceId, clusterId: endpoints.ClusterId);
                silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (endpoints.ClusterId, endpoints.ServiceId));
                ConfigureEndpoints(silo, endpoints);
                silo.UseFlowGrainsPostgres(connectionString);

                // How fast a dead silo is noticed and declared dead; Orleans' defaults unless the profile says otherwise.
                silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{OrleansEndpointOptions.SectionName}:Membership"));
            }

            silo.UseClusterTls(builder.Configuration);

            // A span that reaches a grain call carries on inside the grain (and the run it starts).
            silo.AddActivityPropagation();
            if (DashboardHosting.IsEnabled(builder.Configuration))
            {
                silo.AddDashboard();
            }
            silo.AddFlowGrains();
            silo.Services.AddHttpConnector();
            silo.Services.AddS3Connector();
            silo.Services.AddPostgresConnector();
        });
        return builder;
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, OrleansEndpointOptions endpoints)
    {
        if (endpoints.AdvertisedIPAddress is { Length: > 0 } advertised)
        {
            // Bound to the advertised address only, so the cluster's ports are not open on every interface.
            silo.ConfigureEndpoints(IPAddress.Parse(advertised), endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
        }
        else
        {
            // In a container the host name resolves to the address other silos reach this one on.
            silo.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, AddressFamily.InterNetwork, endpoints.ListenOnAnyHostAddress);
        }
    }
}
