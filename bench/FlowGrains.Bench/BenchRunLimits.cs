namespace FlowGrains.Bench;

/// <summary>
/// The benchmarks measure what a start costs, not run admission: the null connector's runs end within
/// moments, yet a flow taking thousands of starts a second has more than the default 10 in progress.
/// </summary>
internal static class BenchRunLimits
{
    public static readonly string[] Settings =
    [
        "--FlowGrains:Runs:MaxConcurrentRunsPerFlow=100000",
        "--FlowGrains:Runs:MaxConcurrentRunsPerSilo=1000000",
    ];
}
