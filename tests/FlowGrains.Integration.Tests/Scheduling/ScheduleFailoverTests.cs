using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace FlowGrains.Integration.Tests.Scheduling;

/// <summary>
/// A silo killed mid-schedule loses no slot, duplicates none and delays none. Flows and reminders are on
/// PostgreSQL, so the surviving silo finds every reminder and every flow's progress; the reminders run
/// on a fake clock, which stands still while the cluster notices the death.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ScheduleFailoverTests
{
    private const int FlowCount = 8;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task KillingASiloMidSchedule_LosesNoSlotAndRunsNoneTwice()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var dataRoot = Directory.CreateTempSubdirectory("flowgrains-failover-").FullName;
        Directory.CreateDirectory(Path.Combine(dataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(dataRoot, "in", "rows.csv"), "id\n1\n");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFlowGrainsPostgresStorage(database.ConnectionString).UseFlowGrainsPostgresReminders(database.ConnectionString);
            silo.AddFlowGrains();
            silo.Services.AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, time);
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
            silo.Services.Configure<ReminderOptions>(options => options.RefreshReminderListPeriod = TimeSpan.FromMilliseconds(100));
            silo.Services.Configure<FlowGrainsOptions>(options => (options.DataRoot, options.PaginationKey) = (dataRoot, "integration-pagination-key"));
        });
        await using var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            var activatedAt = time.GetUtcNow();
            var flows = new List<IFlowGrain>();
            for (var i = 0; i < FlowCount; i++)
            {
                var flow = cluster.Client.GetFlowGrain($"failover-{i}");
                await flow.CreateFlowAsync(new CreateFlowRequest(Definition(i), ImmutableSortedDictionary<string, string>.Empty));
                await flow.StartFlowAsync(new StartFlowRequest(null, ImmutableSortedDictionary<string, string>.Empty));
                flows.Add(flow);
            }

            // The clock stops at each slot until every flow has run it, so a run that started at any other
            // moment would show; the kill comes right at the fifth slot, while its runs are being started.
            for (var minute = 0; minute <= 8; minute++)
            {
                await AdvanceAsync(time, activatedAt.AddMinutes(minute) - time.GetUtcNow());
                if (minute == 4)
                {
                    await cluster.KillSiloAsync(cluster.Silos[1]);
                    await Eventually.MatchesAsync(
                        () => Task.FromResult(cluster.GetActiveSilos().Count()), count => count == 1, "the cluster to see one silo", 30_000);
                }

                await Task.WhenAll(flows.Select(flow => Eventually.MatchesAsync(
                    () => RecordsOrNoneAsync(flow),
                    list => list.Length == minute + 1 && list.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
                    $"every flow's run of slot {minute}",
                    30_000)));
            }

            // Slots at activation + 0..8 minutes have come: each has exactly one successful run, started at its slot.
            var expected = Enumerable.Range(0, 9).Select(minute => activatedAt.AddMinutes(minute)).ToList();
            foreach (var flow in flows)
            {
                var records = (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions;
                Assert.Equal(expected, records.Select(r => r.DataPullEndTime!.Value).Order());
                Assert.Equal(expected, records.Select(r => r.StartedAt).Order());
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    private static FlowDefinition Definition(int index)
    {
        ConnectorConfig Folder(string path) => new(
            "LocalFolder", ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["path"] = path, ["fileType"] = "CSV" }));
        return new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("rate(1minute)")), Folder("in"), [Folder($"out-{index}")], []);
    }

    /// <summary>The flow's records, or none while the client's calls still fail over from the dead silo.</summary>
    private static async Task<ImmutableArray<ExecutionRecord>> RecordsOrNoneAsync(IFlowGrain flow)
    {
        try
        {
            return (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions;
        }
        catch (Exception exception) when (exception is Orleans.Runtime.Messaging.ConnectionFailedException or SiloUnavailableException or TimeoutException)
        {
            return [];
        }
    }

    /// <summary>Moves the clock in small steps, as a running clock would, giving the reminder service real time to act on each.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan span)
    {
        for (var end = time.GetUtcNow() + span; time.GetUtcNow() < end;)
        {
            time.Advance(Step);
            await Task.Delay(50);
        }
    }
}
