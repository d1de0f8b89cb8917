using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Connectors.Http.Tests.Infrastructure;

/// <summary>
/// The Http connector as a silo registers it, on a <see cref="SteppingClock"/>, with helpers to run it. Its egress
/// allow-list names the loopback address the tests' servers listen on, as an operator would; a test may give its
/// own resolver, answering as a hostile DNS server would.
/// </summary>
public sealed class HttpConnectorHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public HttpConnectorHarness(IHostResolver? resolver = null)
    {
        var services = new ServiceCollection()
            .AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, Clock)
            .Configure<EgressOptions>(egress => egress.Allow.Add(LoopbackEgress.Allow));
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        _services = services.AddHttpConnector().BuildServiceProvider();
        Connector = _services.GetServices<IFlowConnector>().OfType<HttpConnector>().Single();
    }

    public SteppingClock Clock { get; } = new();

    public HttpConnector Connector { get; }

    public static ConnectorProfileSettings Profile(
        string baseUrl,
        IReadOnlyDictionary<string, string>? credentials = null,
        IReadOnlyDictionary<string, string>? properties = null) =>
        new("api", new Dictionary<string, string>(properties ?? new Dictionary<string, string>()) { ["baseUrl"] = baseUrl }, credentials ?? new Dictionary<string, string>());

    public static ConnectorRunContext Context(IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings? profile) =>
        new("flow", "exec-1", properties, new Dictionary<string, string>(), Profile: profile);

    public async Task<List<RecordBatch>> ReadAllAsync(IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings profile)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in Connector.ReadAsync(Context(properties, profile), CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Writes <paramref name="batches"/> through one writer and completes it; returns the bytes written.</summary>
    public async Task<long> WriteAllAsync(IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings profile, params string[][] batches)
    {
        await using var writer = await Connector.OpenWriterAsync(Context(properties, profile), CancellationToken.None);
        foreach (var batch in batches)
        {
            await writer.WriteAsync(batch.Select(record => JsonNode.Parse(record)!.AsObject()).ToList(), CancellationToken.None);
        }

        return await writer.CompleteAsync(CancellationToken.None);
    }

    public static string Json(IEnumerable<RecordBatch> batches) =>
        string.Join(" | ", batches.Select(batch => string.Join(",", batch.Records.Select(record => record.ToJsonString()))));

    public void Dispose() => _services.Dispose();
}
