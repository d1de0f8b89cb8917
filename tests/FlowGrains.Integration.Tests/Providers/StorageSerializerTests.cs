using System.Collections.Immutable;
using System.Text;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tokens;
using FlowGrains.Integration.Tests.Providers.After;
using FlowGrains.Integration.Tests.Providers.Before;
using Npgsql;
using Orleans.Storage;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// Rows of the <see cref="FlowStorageNames.Provider"/> storage name no CLR type, namespace or assembly: a stored
/// state still reads after its type is renamed and moved (fields are matched by <c>[Id]</c> alone), and neither a
/// test state nor a real <see cref="FlowState"/> with a definition leaves a CLR name in the stored bytes.
/// </summary>
public sealed class StorageSerializerTests(ProviderDatabase database) : IClassFixture<ProviderDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task StoredState_ReadAsARenamedTypeInAnotherNamespace_KeepsItsValues()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = GrainId.Create("profile", $"profile-{Guid.NewGuid():N}");
        var written = new GrainState<ProfileV1>(new ProfileV1
        {
            Name = "ada",
            Values = [3, 1, 4, 1, 5],
            Nested = new NestedV1 { Label = "first", At = At },
        });
        await storage.WriteStateAsync("profile", grain, written);

        var read = new GrainState<CustomerProfile>();
        await storage.ReadStateAsync("profile", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("ada", read.State!.DisplayName);
        Assert.Equal([3, 1, 4, 1, 5], read.State!.Scores);
        Assert.Equal(("first", At), (read.State!.Detail.Caption, read.State!.Detail.When));
    }

    [Fact]
    public async Task StoredPayload_OfATestState_HoldsNoClrTypeNamespaceOrAssemblyName()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = GrainId.Create("profile", $"profile-{Guid.NewGuid():N}");
        var state = new GrainState<ProfileV1>(new ProfileV1 { Name = "ada", Values = [1, 2], Nested = new NestedV1 { Label = "x", At = At } });
        await storage.WriteStateAsync("profile", grain, state);

        var payload = await PayloadAsync(host.ServiceId, "profile");

        AssertHoldsNone(
            payload,
            nameof(ProfileV1),
            nameof(NestedV1),
            typeof(ProfileV1).Namespace!,
            typeof(ProfileV1).Assembly.GetName().Name!,
            "System.Collections.Generic",
            "System.Private.CoreLib",
            "PublicKeyToken");
    }

    [Fact]
    public async Task StoredPayload_OfAFlowStateWithADefinition_HoldsNoClrTypeNamespaceOrAssemblyName_AndReadsBack()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = GrainId.Create("flow", $"flow-{Guid.NewGuid():N}");
        var state = new GrainState<FlowState>(NewFlowState());
        await storage.WriteStateAsync(FlowStorageNames.FlowState, grain, state);

        var payload = await PayloadAsync(host.ServiceId, FlowStorageNames.FlowState);

        AssertHoldsNone(
            payload,
            typeof(FlowState).Assembly.GetName().Name!,
            typeof(FlowDefinition).Assembly.GetName().Name!,
            typeof(FlowState).Namespace!,
            typeof(FlowDefinition).Namespace!,
            nameof(FlowState),
            nameof(FlowDefinition),
            nameof(TriggerConfig),
            nameof(ScheduledTriggerProperties),
            nameof(ConnectorConfig),
            nameof(FlowTask),
            nameof(GuardedChange),
            nameof(FlowStatus),
            nameof(TriggerType),
            "ImmutableSortedDictionary",
            "ImmutableArray",
            "System.Collections",
            "System.Private.CoreLib",
            "PublicKeyToken");
        var read = new GrainState<FlowState>();
        await storage.ReadStateAsync(FlowStorageNames.FlowState, grain, read);
        Assert.Equal("in", read.State!.Definition!.Source.Properties["path"]);
        Assert.Equal("rate(5 minutes)", read.State.Definition.TriggerConfig.Scheduled!.ScheduleExpression);
        Assert.Equal(["a", "b"], read.State!.Definition.Tasks.Single().SourceFields.ToArray());
        Assert.Equal(FlowStatus.Suspended, read.State!.Status);
        Assert.Equal(new GuardedChange("life-1", "update", "hash-1", "change-1"), read.State!.LastChange);
    }

    private static FlowState NewFlowState()
    {
        static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
            entries.ToImmutableSortedDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

        var definition = new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("rate(5 minutes)", "Incremental", At, Timezone: "UTC")),
            new ConnectorConfig("LocalFolder", Map(("path", "in"))),
            [new ConnectorConfig("LocalFolder", Map(("path", "out")))],
            [new FlowTask("Map", ["a", "b"], Map(("op", "copy")), "c", Map(("k", "v")))],
            "nightly copy");
        return new FlowState
        {
            Incarnation = "life-1",
            Definition = definition,
            Tags = Map(("team", "data")),
            Status = FlowStatus.Suspended,
            StatusMessage = "paused by an operator",
            CreatedAt = At,
            LastUpdatedAt = At.AddMinutes(1),
            LastChange = new GuardedChange("life-1", "update", "hash-1", "change-1"),
            ActivatedAt = At,
            LastSlotAt = At.AddMinutes(5),
            PulledUntil = At.AddMinutes(5),
        };
    }

    private static void AssertHoldsNone(byte[] payload, params string[] names)
    {
        Assert.NotEmpty(payload);
        foreach (var name in names)
        {
            Assert.True(
                payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) < 0,
                $"the stored payload holds '{name}': {Encoding.UTF8.GetString(payload)}");
        }
    }

    private async Task<byte[]> PayloadAsync(string serviceId, string stateName)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload FROM orleans_grain_state WHERE service_id = @service AND state_name = @state", connection);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("state", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the state has a row");
        var payload = (byte[])reader.GetValue(0);
        Assert.False(await reader.ReadAsync(), "the state has one row");
        return payload;
    }
}
