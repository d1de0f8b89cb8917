using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Contracts.ConnectorProfiles;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>
/// A connector registered by the tests, as a co-hosted service would: its profile needs an <c>endpoint</c>
/// property and a <c>token</c> credential; a run reads one record naming what the profile gave it.
/// </summary>
public sealed class ProfileProbeConnector : IFlowConnector
{
    public const string TypeName = "ProfileProbe";

    /// <summary>The profile each run's source saw, by executionId.</summary>
    public ConcurrentDictionary<string, ConnectorProfileSettings?> ProfilesSeen { get; } = new();

    public string ConnectorType => TypeName;

    public bool CanRead => true;

    public bool CanWrite => false;

    public ConnectorCapabilities Capabilities => new(true, false, ["JSON"], []);

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath) =>
        new ConnectorProperties(properties, fieldPath).AllowOnly("nested");

    public void ValidateProfile(ConnectorProfileSettings profile, string fieldPath)
    {
        new ConnectorProperties(profile.Properties, $"{fieldPath}.connectorProfileProperties.{TypeName}").AllowOnly("endpoint", "options").Required("endpoint");
        new ConnectorProperties(profile.Credentials, $"{fieldPath}.connectorProfileCredentials.{TypeName}").AllowOnly("token").Required("token");
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        ProfilesSeen[context.ExecutionId] = context.Profile;
        yield return new RecordBatch([new JsonObject { ["endpoint"] = context.Profile?.Properties["endpoint"] }], 1);
    }

    /// <summary>Creates a profile of this type named <paramref name="name"/> (endpoint and token set) straight on its grain.</summary>
    public static Task CreateProfileAsync(IServiceProvider services, string name, ImmutableSortedDictionary<string, string>? tags = null)
    {
        var map = (string key, string value) => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(key, value)]);
        return services.GetRequiredService<IGrainFactory>().GetGrain<IConnectorProfileGrain>(name).CreateConnectorProfileAsync(new CreateConnectorProfileRequest(
            TypeName, "Public", new ConnectorProfileConfig(map("endpoint", "https://example.test"), map("token", "t")), tags));
    }

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
