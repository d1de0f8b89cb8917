using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>Issue 3, point 3: the whole cluster dies and comes back; flows, statuses, tokens, records and reminders are all there.</summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class FullRestartTests
{
    [Fact]
    public async Task KillingEveryHost_ThenStartingThemAgain_KeepsFlowsStatusesTokensRecordsAndReminders()
    {
        await using var cluster = await HostCluster.StartAsync(2);
        Directory.CreateDirectory(Path.Combine(cluster.DataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(cluster.DataRoot, "in", "rows.csv"), "id,amount\n1,10\n");
        var door = cluster.Hosts[0].Client;
        await CreateAsync(door, Api.LocalFolderFlow("restart-ondemand", "in", "out"));
        await CreateAsync(door, Api.LocalFolderFlow("restart-scheduled", "in", "out-s", triggerType: "Scheduled"));
        await CreateAsync(door, Api.LocalFolderFlow("restart-stopped", "in", "out-x", triggerType: "Scheduled"));
        await StartAsync(door, "restart-scheduled", "activate-1");
        await StartAsync(door, "restart-stopped", "activate-2");
        await PostOkAsync(door, "/stop-flow", """{"flowName":"restart-stopped"}""");
        var runs = new Dictionary<string, string>();
        for (var i = 0; i < 5; i++)
        {
            runs[$"run-{i}"] = await StartAsync(cluster.Hosts[i % 2].Client, "restart-ondemand", $"run-{i}");
        }

        await Eventually.MatchesAsync(
            () => ExecutionRecords.ReadAllAsync(door, "restart-ondemand"),
            records => records.Count == 5 && records.All(r => r["executionStatus"]!.GetValue<string>() == "Successful"),
            "the five runs to succeed");
        var remindersBefore = await ReminderNamesAsync(cluster.ConnectionString);

        foreach (var host in cluster.Hosts)
        {
            await host.KillAsync();
        }

        await cluster.RestartAsync(0);
        await cluster.RestartAsync(1);
        door = cluster.Hosts[1].Client;

        Assert.Equal("Active", await StatusAsync(door, "restart-ondemand"));
        Assert.Equal("Active", await StatusAsync(door, "restart-scheduled"));
        Assert.Equal("Suspended", await StatusAsync(door, "restart-stopped"));
        foreach (var (token, executionId) in runs)
        {
            Assert.Equal(executionId, await StartAsync(door, "restart-ondemand", token));
        }

        var records = await ExecutionRecords.ReadAllAsync(door, "restart-ondemand");
        Assert.Equal(runs.Values.Order(), records.Select(r => r["executionId"]!.GetValue<string>()).Order());
        Assert.All(records, r => Assert.Equal("Successful", r["executionStatus"]!.GetValue<string>()));
        var outputs = Directory.GetFiles(Path.Combine(cluster.DataRoot, "out")).Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(runs.Values.Order(), outputs);
        Assert.Contains(remindersBefore, grain => grain.Contains("restart-scheduled", StringComparison.Ordinal));
        Assert.DoesNotContain("flow/restart-stopped#schedule", remindersBefore);
        Assert.Equal(remindersBefore, await ReminderNamesAsync(cluster.ConnectionString));
        var (_, described) = await door.PostAsync("/describe-flow", """{"flowName":"restart-scheduled"}""");
        Assert.NotNull(described.Data()["nextScheduledRunAt"]);
    }

    private static async Task CreateAsync(HttpClient door, object flow)
    {
        var (status, envelope) = await door.PostAsync("/create-flow", flow);
        Assert.True(status == HttpStatusCode.OK, envelope.ToJsonString());
    }

    private static async Task<string> StartAsync(HttpClient door, string flow, string token)
    {
        var envelope = await PostOkAsync(door, "/start-flow", $$"""{"flowName":"{{flow}}","clientToken":"{{token}}"}""");
        return envelope.Data()["id"]!.GetValue<string>();
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> PostOkAsync(HttpClient door, string path, string body)
    {
        var (status, envelope) = await door.PostAsync(path, body);
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {status}: {envelope.ToJsonString()}");
        return envelope;
    }

    private static async Task<string> StatusAsync(HttpClient door, string flow)
    {
        var envelope = await PostOkAsync(door, "/describe-flow", $$"""{"flowName":"{{flow}}"}""");
        return envelope.Data()["flowStatus"]!.GetValue<string>();
    }

    private static async Task<List<string>> ReminderNamesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_id || '#' || reminder_name FROM orleans_reminders ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
