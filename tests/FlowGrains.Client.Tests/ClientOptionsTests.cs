using FlowGrains.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace FlowGrains.Client.Tests;

/// <summary>Each rule of <c>FlowGrains:Client</c>, broken on purpose, stops the wiring with a message naming the setting.</summary>
public sealed class ClientOptionsTests
{
    [Theory]
    [InlineData("Clustering", "AdoNet", "FlowGrains:Client:ConnectionString is required when FlowGrains:Client:Clustering is AdoNet: the silos' PostgreSQL database (their ConnectionStrings:FlowGrains).")]
    [InlineData("GatewayPorts:1", "70000", "FlowGrains:Client:GatewayPorts has 70000; a port is 1–65535.")]
    [InlineData("ResponseTimeout", "00:00:00.500", "FlowGrains:Client:ResponseTimeout is 00:00:00.5000000; it must be 00:00:01–00:10:00.")]
    [InlineData("ResponseTimeout", "00:10:01", "FlowGrains:Client:ResponseTimeout is 00:10:01; it must be 00:00:01–00:10:00.")]
    [InlineData("ServiceId", " ", "FlowGrains:Client:ServiceId must not be empty: it is the silos' Orleans:ServiceId.")]
    [InlineData("Clustering", "7", "FlowGrains:Client:Clustering is '7'; it must be Localhost or AdoNet.")]
    public void BrokenSetting_StopsTheWiring_NamingIt(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClientHosts.Build(("GatewayPorts:0", "30000"), (key, value)));

        Assert.Equal([message], error.Failures);
    }

    [Fact]
    public void UnknownClustering_NamesTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientHosts.Build(("Clustering", "Consul")));

        Assert.Equal("Failed to convert configuration value 'Consul' at 'FlowGrains:Client:Clustering' to type 'FlowGrains.Client.FlowGrainsClustering'.", error.Message);
    }

    [Fact]
    public void Defaults_MatchTheEmbeddedProfile()
    {
        using var host = ClientHosts.Build();

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var gateways = host.Services.GetRequiredService<IOptions<StaticGatewayListProviderOptions>>().Value.Gateways;
        Assert.Equal(("flowgrains-dev", "flowgrains"), (cluster.ClusterId, cluster.ServiceId));
        Assert.Equal(["gwy.tcp://127.0.0.1:30000/0"], gateways.Select(gateway => gateway.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public void AdoNet_DefaultsToThePostgresProfilesClusterId_AndTakesTheResponseTimeout()
    {
        using var host = ClientHosts.Build(("Clustering", "AdoNet"), ("ConnectionString", "Host=127.0.0.1;Database=flowgrains"), ("ResponseTimeout", "00:00:05"));

        Assert.Equal("flowgrains", host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }
}
