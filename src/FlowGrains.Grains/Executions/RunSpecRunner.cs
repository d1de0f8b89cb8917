using FlowGrains.Contracts.Executions;
using FlowGrains.DataPlane.Executions;

namespace FlowGrains.Grains.Executions;

/// <summary>Runs a grain's <see cref="RunSpec"/> on the data plane's <see cref="FlowRunner"/> and labels the result with the run's flow life.</summary>
public static class RunSpecRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> to its end and never throws; see <see cref="FlowRunner.RunAsync"/>. The outcome
    /// carries the spec's incarnation and execution id, as the flow grain expects its reports.
    /// </summary>
    public static async Task<RunOutcome> RunAsync(
        this FlowRunner runner, RunSpec spec, CancellationToken cancellationToken, Func<ExecutionResult, Task>? reportProgress = null)
    {
        var run = new FlowRun(
            spec.FlowName, spec.ExecutionId, spec.Definition, spec.Parameters, spec.EventPayload, spec.DataPull?.Start, spec.DataPull?.End);
        var result = await runner.RunAsync(run, cancellationToken, reportProgress);
        return new RunOutcome(spec.Incarnation, spec.ExecutionId, result.Status, result.Result, result.ResumeFrom);
    }
}
