using FlowGrains.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FlowGrains.Client.Tests;

/// <summary>Builds a host wired by <c>UseFlowGrainsClient</c> from the given <c>FlowGrains:Client</c> settings, without starting it.</summary>
internal static class ClientHosts
{
    public static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            settings.Select(setting => KeyValuePair.Create<string, string?>($"{FlowGrainsClientOptions.SectionName}:{setting.Key}", setting.Value)));
        builder.UseFlowGrainsClient();
        return builder.Build();
    }
}
