using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Flow definitions and names for tests.</summary>
public static class Flows
{
    /// <summary>A schedule whose first slot is far away, for tests of everything but schedules firing.</summary>
    public const string NeverBefore2199 = "cron(0 0 1 1 ? 2199)";

    public static string NewName(string prefix = "flow") => $"{prefix}-{Guid.NewGuid():N}";

    public static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static ConnectorConfig TestConnector(params (string Key, string Value)[] properties) =>
        new(Infrastructure.TestConnector.TypeName, Map(properties));

    public static FlowDefinition Definition(
        TriggerType triggerType = TriggerType.OnDemand,
        ConnectorConfig? source = null,
        ConnectorConfig? destination = null,
        ImmutableArray<FlowTask>? tasks = null,
        string? description = null) =>
        new(
            new TriggerConfig(triggerType, triggerType == TriggerType.Scheduled ? new ScheduledTriggerProperties(NeverBefore2199) : null),
            source ?? TestConnector(),
            [destination ?? TestConnector()],
            tasks ?? [],
            description);

    public static CreateFlowRequest Create(FlowDefinition? definition = null, string? clientToken = null) =>
        new(definition ?? Definition(), Map(), clientToken);

    public static StartFlowRequest Start(string? clientToken, params (string Key, string Value)[] parameters) =>
        new(clientToken, Map(parameters));

    /// <summary>Creates a Scheduled flow of test connectors (or the ones given) under a new name and activates it.</summary>
    public static async Task<IFlowGrain> ActivateScheduledAsync(
        IGrainFactory grains, string prefix, ScheduledTriggerProperties schedule, ConnectorConfig? source = null, ConnectorConfig? destination = null)
    {
        var flow = grains.GetFlowGrain(NewName(prefix));
        await flow.CreateFlowAsync(Create(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, schedule), source ?? TestConnector(), [destination ?? TestConnector()], [])));
        await flow.StartFlowAsync(Start(null));
        return flow;
    }

    /// <summary>The flow's run records (its newest 100), oldest start first.</summary>
    public static async Task<List<ExecutionRecord>> RecordsByStartAsync(IFlowGrain flow) =>
        [.. (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions.OrderBy(r => r.StartedAt)];
}
