using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>
/// The real host (silo and front door, embedded profile) on the ASP.NET test server, shared by the
/// collection. Its silo ports and data root come from environment variables, exactly as an operator
/// would override the profile file; the flow clock is a fake.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    /// <summary>The only loopback address connectors of this host may reach.</summary>
    public const string AllowedLoopback = "127.0.0.2";

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("flowgrains-host-").FullName;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ProfileProbeConnector ProfileProbe { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>The silo's DNS, scripted per name by tests; other names go to the system.</summary>
    public ScriptedResolver Dns { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("Orleans__Endpoints__SiloPort", LoopbackPorts.Free().ToString());
        Environment.SetEnvironmentVariable("Orleans__Endpoints__GatewayPort", LoopbackPorts.Free().ToString());
        Environment.SetEnvironmentVariable("FlowGrains__DataRoot", DataRoot);

        // The embedded profile allows loopback; these tests see the policy's real refusal, with one loopback
        // address (where no server listens) named as an operator would.
        Environment.SetEnvironmentVariable("FlowGrains__Egress__AllowLoopback", "false");
        Environment.SetEnvironmentVariable("FlowGrains__Egress__Allow__0", AllowedLoopback);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => Configure(host)
            .ConfigureTestServices(services => services
                .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
                .AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, Time)
                .AddFlowConnector(ProfileProbe)
                .AddSingleton<IHostResolver>(Dns)
                .AddSingleton<IStartupFilter, RawTarget.StartupFilter>()));
        Client = Factory.CreateDefaultClient(new RawTarget.Handler());
        return Task.CompletedTask;
    }

    /// <summary>Settings a fixture adds to the host's own (keys, say).</summary>
    protected virtual IWebHostBuilder Configure(IWebHostBuilder host) => host;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Host";
}
