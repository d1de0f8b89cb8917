using System.Collections.Immutable;
using System.Diagnostics;
using FlowGrains.Connectors;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Host.Hosting;
using FlowGrains.Postgres.Hosting;
using FlowGrains.Postgres.Schema;
using Npgsql;

namespace FlowGrains.Bench;

/// <summary>
/// Schedules in real time on the postgres profile, as a user runs them: N flows on
/// <c>cron(0/1 * * * ? *)</c> on one host, a warm-up minute, then M measured minutes. Prints delivered /
/// expected, duplicates, and lateness (run start − slot) as the run records show it and as the source saw
/// it, against a plain .NET timer waking at the same slots in the same process (the baseline: what this
/// machine's timers deliver under this load). Also the process CPU per slot and what the host logged.
/// Works in a fresh database it creates and drops.
/// </summary>
internal static class RealTimeScheduleBench
{
    private const string Schedule = "cron(0/1 * * * ? *)";
    private static readonly ImmutableSortedDictionary<string, string> None = ImmutableSortedDictionary<string, string>.Empty;

    public static Task RunAsync(string adminConnectionString, int flowCount, int minutes) =>
        ScratchDatabase.UseAsync(adminConnectionString, "flowgrains_slots", async database =>
        {
            await SchemaMigrator.ApplyAsync(database.ConnectionString);
            await MeasureAsync(database.ConnectionString, flowCount, minutes);
        });

    private static async Task MeasureAsync(string connectionString, int flowCount, int minutes)
    {
        var logPath = Path.Combine(Path.GetTempPath(), "flowgrains-schedules-realtime-host.log");
        var tally = new HostLogTally(logPath);
        var probe = new SlotProbeConnector();
        var builder = WebApplication.CreateBuilder([
            $"--urls=http://127.0.0.1:{LoopbackPorts.Free()}",
            "--Orleans:Providers=Postgres",
            "--FlowGrains:Auth:Mode=None",
            $"--ConnectionStrings:FlowGrains={connectionString}",
            $"--FlowGrains:ConnectorProfiles:EncryptionKey={Convert.ToBase64String(new byte[32])}",
            "--Orleans:Endpoints:AdvertisedIPAddress=127.0.0.1",
            $"--Orleans:Endpoints:SiloPort={LoopbackPorts.Free()}",
            $"--Orleans:Endpoints:GatewayPort={LoopbackPorts.Free()}",
        ]);
        builder.AddSiloProfile();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(tally);
        builder.AddFlowGrainsSilo();
        builder.Services.AddFlowConnector(probe);
        builder.Services.AddFlowConnector<NullConnector>();
        await using var app = builder.Build();
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();

        var definition = new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties(Schedule)),
            new ConnectorConfig("SlotProbe", None), [new ConnectorConfig("Null", None)], []);
        var names = Enumerable.Range(0, flowCount).Select(i => $"minutely-{i}").ToArray();
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (name, _) =>
        {
            var flow = grains.GetFlowGrain(name);
            await flow.CreateFlowAsync(new CreateFlowRequest(definition, None));
            await flow.StartFlowAsync(StartFlowRequest.Untokened);
        });

        // The first whole minute after every flow is active is the warm-up slot; the next M are measured.
        var warmUp = NextMinute(DateTimeOffset.UtcNow);
        var slots = Enumerable.Range(1, minutes).Select(m => warmUp.AddMinutes(m)).ToArray();
        Console.WriteLine(
            $"schedules in real time: {flowCount:N0} flows on {Schedule}, postgres profile, {Environment.ProcessorCount} cores, " +
            $"connection budget {PostgresConnectionSettings.DefaultMaxConnections}; created and activated in {setup.Elapsed.TotalSeconds:F1} s; " +
            $"warm-up slot {warmUp:HH:mm}, measured {slots[0]:HH:mm}..{slots[^1]:HH:mm} UTC");

        // The baseline: a plain timer in the same process, woken at the same slots.
        var timerLateness = new List<double>();
        await SleepUntilAsync(warmUp);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var slot in slots)
        {
            await SleepUntilAsync(slot);
            timerLateness.Add((DateTimeOffset.UtcNow - slot).TotalSeconds);
        }

        // Late runs of the last slot still count, up to a minute after it.
        await SleepUntilAsync(slots[^1].AddMinutes(1));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var records = new ExecutionRecord[flowCount][];
        await Parallel.ForEachAsync(Enumerable.Range(0, flowCount), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            records[i] = [.. (await grains.GetFlowGrain(names[i]).DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions]);

        var measured = slots.ToHashSet();
        var (delivered, duplicates) = (0, 0);
        var recordedLateness = new List<double>();
        foreach (var flowRecords in records)
        {
            foreach (var group in flowRecords.Where(r => r.DataPullEndTime is { } end && measured.Contains(end)).GroupBy(r => r.DataPullEndTime!.Value))
            {
                delivered++;
                duplicates += group.Count() - 1;
                recordedLateness.AddRange(group.Select(r => (r.StartedAt - group.Key).TotalSeconds));
            }
        }

        var openedLateness = probe.Opened.Where(o => o.Slot is { } slot && measured.Contains(slot)).Select(o => (o.OpenedAt - o.Slot!.Value).TotalSeconds).ToList();
        var burst = slots.Select(slot => probe.Opened.Where(o => o.Slot == slot).Select(o => (o.OpenedAt - slot).TotalSeconds).DefaultIfEmpty(double.NaN).Max()).ToList();
        var expected = flowCount * minutes;
        Console.WriteLine($"  delivered / expected        {delivered:N0} / {expected:N0} ({100.0 * delivered / expected:F1} %)   goal 100 %");
        Console.WriteLine($"  duplicates                  {duplicates:N0}   goal 0");
        Console.WriteLine($"  lateness, record's start    {Spread(recordedLateness)}   goal p50 <= 1 s, p99 <= 2 s");
        Console.WriteLine($"  lateness, source opened     {Spread(openedLateness)}");
        Console.WriteLine($"  baseline: a plain timer     {Spread(timerLateness)}   (woken at the same {minutes} slots in this process)");
        Console.WriteLine($"  last run of a slot opened   {string.Join(", ", burst.Select(b => $"{b:F2} s"))} after its slot");
        Console.WriteLine($"  process CPU per slot run    {cpu.TotalMilliseconds * 1000 / Math.Max(delivered, 1):F0} µs ({cpu.TotalSeconds:F1} s over the measured minutes)");
        Console.WriteLine(
            $"  host log                    {tally.Count("fail:")} fail, {tally.Count("warn:")} warn; {tally.Containing("Could not deliver reminder tick")} undelivered reminder ticks, " +
            $"{tally.Containing("53300")} connection-slot errors, {tally.Containing("schedule tick of flow")} retried ticks ({logPath})");
        await app.StopAsync();
        tally.Dispose();
    }

    private static DateTimeOffset NextMinute(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute) + TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static async Task SleepUntilAsync(DateTimeOffset time)
    {
        if (time - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static string Spread(List<double> seconds)
    {
        if (seconds.Count == 0)
        {
            return "none";
        }

        seconds.Sort();
        double At(double p) => seconds[(int)Math.Min(seconds.Count - 1, p * seconds.Count)];
        return $"p50 {At(0.50):F2} s, p99 {At(0.99):F2} s, max {seconds[^1]:F2} s";
    }
}
