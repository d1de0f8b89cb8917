using System.Diagnostics;

namespace FlowGrains.DataPlane.Telemetry;

/// <summary>The names under which FlowGrains reports: one meter and one activity source, both "FlowGrains".</summary>
public static class FlowTelemetry
{
    /// <summary>The name of FlowGrains' meter and activity source.</summary>
    public const string Name = "FlowGrains";

    /// <summary>Spans of starts, runs and the batches a run moves; created only while something listens.</summary>
    public static readonly ActivitySource Activities = new(Name);
}
