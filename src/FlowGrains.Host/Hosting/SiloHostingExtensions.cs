using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;
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

        var endpoints = new OrleansEndpointOptions();
        builder.Configuration.GetSection(OrleansEndpointOptions.SectionName).Bind(endpoints);
        builder.Configuration.GetSection($"{OrleansEndpointOptions.SectionName}:Endpoints").Bind(endpoints);
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(endpoints, new(endpoints), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                OrleansEndpointOptions.SectionName, typeof(OrleansEndpointOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: endpoints.ServiceId, clusterId: endpoints.ClusterId);
            silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
            silo.UseInMemoryReminderService();
            silo.AddDashboard();
            silo.AddFlowGrains();
        });
        return builder;
    }
}
