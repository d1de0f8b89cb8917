namespace FlowGrains.SampleWorker;

/// <summary>Which flow the sample starts and how often, bound from <c>FlowGrains:SampleWorker</c>.</summary>
public sealed class SampleWorkerOptions
{
    public const string SectionName = "FlowGrains:SampleWorker";

    /// <summary>The OnDemand flow to create if missing and start.</summary>
    public string FlowName { get; set; } = "sample-worker";

    /// <summary>The time between starts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The LocalFolder folder the flow reads CSV files from, under the silos' FlowGrains:DataRoot.</summary>
    public string SourcePath { get; set; } = "sample-worker/in";

    /// <summary>The LocalFolder folder the flow writes JSON files to, under the silos' FlowGrains:DataRoot.</summary>
    public string DestinationPath { get; set; } = "sample-worker/out";
}
