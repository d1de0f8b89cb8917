using System.Collections.Immutable;
using System.Diagnostics;
using FlowGrains.Connectors;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Hosting;
using Orleans.Configuration;
using Orleans.Reminders;

namespace FlowGrains.Bench;

/// <summary>
/// Many active <c>rate(1minutes)</c> flows on one silo whose flows and reminders run on a fake clock that
/// moves a minute at a time through ten simulated minutes; every flow must run each slot exactly once.
/// Prints slot lateness (simulated) and the wall-clock cost per slot (including the polling that waits
/// for each minute's runs, so it is an upper bound).
/// </summary>
public static class ScheduleScaleBench
{
    public static async Task RunAsync(int flowCount, int minutes)
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free());
            silo.AddMemoryGrainStorage(FlowStorageNames.Provider);
            silo.UseInMemoryReminderService();
            silo.AddFlowGrains();
            silo.Services.AddKeyedSingleton<TimeProvider>(FlowGrainsClock.ServiceKey, clock);
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
            silo.Services.Configure<ReminderOptions>(options => options.RefreshReminderListPeriod = TimeSpan.FromMilliseconds(200));
            silo.Services.AddFlowConnector<NullConnector>();
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var nothing = new ConnectorConfig("Null", ImmutableSortedDictionary<string, string>.Empty);
        var definition = new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("rate(1minutes)")), nothing, [nothing], []);
        var names = Enumerable.Range(0, flowCount).Select(i => $"every-minute-{i}").ToArray();
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (name, _) =>
        {
            var flow = grains.GetFlowGrain(name);
            await flow.CreateFlowAsync(new CreateFlowRequest(definition, ImmutableSortedDictionary<string, string>.Empty));
            await flow.StartFlowAsync(StartFlowRequest.Untokened);
        });
        Console.WriteLine($"schedule scale: {flowCount:N0} rate(1minutes) flows created and activated in {setup.Elapsed.TotalSeconds:F1} s (wall clock)");

        var activatedAt = clock.GetUtcNow();
        var run = Stopwatch.StartNew();
        List<List<ExecutionRecord>> records = [];

        // A rate flow's first slot is its activation, run at once; its reminder then ticks on whole minutes
        // from it. Each step moves the clock to the next slot and waits until every flow has run it.
        for (var minute = 0; minute <= minutes; minute++)
        {
            if (minute > 0)
            {
                // The reminder service sets each reminder's next tick only after the grain handled the last one,
                // from the clock's time then; a late re-arm seen at half a minute still lands on the next whole
                // minute, where a clock already past it would skip a tick no real clock could skip.
                clock.Advance(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(300));
                clock.Advance(TimeSpan.FromSeconds(30));
            }

            records = await WaitForRunsAsync(grains, names, minute + 1);
        }

        run.Stop();
        var expectedPerFlow = minutes + 1;

        var lateness = new List<double>();
        var wrongCounts = 0;
        foreach (var flowRecords in records)
        {
            var slots = flowRecords.Select(r => (int)Math.Floor((r.StartedAt - activatedAt).TotalMinutes)).ToList();
            wrongCounts += slots.Count == expectedPerFlow && slots.Distinct().Count() == expectedPerFlow ? 0 : 1;
            lateness.AddRange(flowRecords.Select(r => ((r.StartedAt - activatedAt).Ticks % TimeSpan.TicksPerMinute) / (double)TimeSpan.TicksPerSecond));
        }

        lateness.Sort();
        var slotsRun = records.Sum(r => r.Count);
        Console.WriteLine($"  {slotsRun:N0} slots run over {minutes} simulated minutes; flows without exactly one run per slot: {wrongCounts}");
        Console.WriteLine($"  slot lateness (simulated): p50 {Percentile(lateness, 0.50):F1} s, p99 {Percentile(lateness, 0.99):F1} s   goal p99 <= 2 s");
        Console.WriteLine($"  wall-clock cost per slot: {run.Elapsed.TotalMilliseconds * 1000 / slotsRun:F0} µs ({run.Elapsed.TotalSeconds:F1} s in all)");
        await host.StopAsync();
    }

    private static async Task<List<List<ExecutionRecord>>> WaitForRunsAsync(IGrainFactory grains, string[] names, int expectedPerFlow)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var pages = await Task.WhenAll(names.Select(name => grains.GetFlowGrain(name).DescribeFlowExecutionRecordsAsync(100, null)));
            var records = pages.Select(page => page.FlowExecutions.ToList()).ToList();
            var done = records.All(r => r.Count >= expectedPerFlow && r.All(x => x.ExecutionStatus != ExecutionStatus.InProgress));
            if (done || DateTime.UtcNow > deadline)
            {
                return records;
            }

            await Task.Delay(50);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

}
