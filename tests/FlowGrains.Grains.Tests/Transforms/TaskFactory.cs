using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Transforms;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Builds tasks the way AppFlow writes them and runs records through them.</summary>
internal static class TaskFactory
{
    /// <summary>A task whose operator (if any) is keyed by the Test connector type.</summary>
    public static FlowTask Task(string type, string[] fields, string? op = null, string? destination = null, params (string Key, string Value)[] properties) =>
        new(
            type,
            [.. fields],
            op is null ? ImmutableSortedDictionary<string, string>.Empty : ImmutableSortedDictionary<string, string>.Empty.Add("Test", op),
            destination,
            properties.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>The properties whose value is given, for theory rows where some are optional.</summary>
    public static (string Key, string Value)[] Given(params (string Key, string? Value)[] properties) =>
        [.. properties.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!))];

    /// <summary>The output of <paramref name="record"/> (JSON text) as JSON text, or null when it was dropped.</summary>
    public static string? Run(string record, params FlowTask[] tasks) =>
        new RecordTransformer(tasks).Apply(JsonNode.Parse(record)!.AsObject(), 1)?.ToJsonString();

    public static string? Run(JsonObject record, params FlowTask[] tasks) =>
        new RecordTransformer(tasks).Apply(record, 1)?.ToJsonString();
}
