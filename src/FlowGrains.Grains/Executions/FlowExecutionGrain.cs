using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Executions;

/// <summary>Carries out one run and reports its outcome; it holds no state beyond the run it serves.</summary>
public sealed class FlowExecutionGrain(FlowRunner runner, ILogger<FlowExecutionGrain> logger) : Grain, IFlowExecutionGrain
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <inheritdoc />
    public async Task RunAsync(RunSpec spec)
    {
        var outcome = await runner.RunAsync(spec, _cancellation.Token);
        try
        {
            await GrainFactory.GetGrain<IFlowRunReporter>(spec.FlowName).ReportRunEndedAsync(outcome);
        }
        catch (Exception exception)
        {
            GrainsLog.RunOutcomeNotRecorded(logger, exception, spec.FlowName, spec.ExecutionId);
        }

        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task CancelAsync()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }
}
