using FlowGrains.Contracts.Executions;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// Resuming runs that lost their silo. Every run is stored with its spec and the silo that launched it
/// before its start is acknowledged, and its token in the same write, so when that silo dies (before it
/// began the run, or during it), or the launch itself never happened, the flow runs it again under the
/// same execution id: a retried clientToken always points at a run that happens. A run resumed
/// <see cref="RunsOptions.MaxResumes"/> times that is stranded once more is quarantined (it ends as Error):
/// whatever it does may be what kills its silo.
/// </summary>
internal sealed class RunRecovery(
    SiloAddress silo, IClusterMembershipService membership, LocalRunRegistry localRuns, RunsOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Looks at each unfinished run that is not running here: one whose silo is gone is resumed through
    /// <paramref name="launch"/> (or ends, when it was being cancelled or has nothing to run again); one whose
    /// silo lives is still running there and will report. True when some run waits on a live silo.
    /// </summary>
    public async Task<bool> ResumeStrandedAsync(RunLedger runs, Func<RunSpec, Task> launch)
    {
        // A stopping silo resumes nothing: its own abandoned runs included, they are for the silo that comes next.
        if (localRuns.IsStopping)
        {
            return false;
        }

        var waiting = false;
        foreach (var run in runs.Unfinished.Values.ToList())
        {
            if (IsAlive(run))
            {
                waiting = true;
            }
            else if (run.Record.ExecutionStatus == ExecutionStatus.InProgress && run.Spec is { } spec)
            {
                if (run.Resumes >= options.MaxResumes)
                {
                    await QuarantineAsync(runs, run);
                    continue;
                }

                if (await runs.UpdateAsync(run.ExecutionId, stored => stored with { LaunchedBy = silo.ToParsableString(), Resumes = stored.Resumes + 1 }) is not null)
                {
                    GrainsLog.RunResumed(logger, runs.Life.FlowName, run.ExecutionId, run.LaunchedBy ?? "(none)");
                    await launch(spec);
                }
            }
            else
            {
                await EndStrandedAsync(runs, run);
            }
        }

        return waiting;
    }

    /// <summary>
    /// Whether the run may still be under way where it was launched. Here, only if this silo is carrying
    /// it out (a launch can fail between storing the run and starting it); elsewhere, while that silo lives.
    /// </summary>
    private bool IsAlive(LedgerRun run)
    {
        if (run.LaunchedBy is null || run.LaunchedBy == silo.ToParsableString())
        {
            return localRuns.IsRunning(run.ExecutionId);
        }

        return membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(run.LaunchedBy)) is not (SiloStatus.Dead or SiloStatus.None);
    }

    private async Task QuarantineAsync(RunLedger runs, LedgerRun run)
    {
        var message = $"The run was quarantined: its silo stopped under it {run.Resumes + 1} times, and it was resumed {run.Resumes} times, "
            + $"the most {RunsOptions.SectionName}:{nameof(RunsOptions.MaxResumes)} allows; it is not resumed again.";
        if (await runs.UpdateAsync(run.ExecutionId, stored => Ended(stored, ExecutionStatus.Error, message)) is not null)
        {
            GrainsLog.RunQuarantined(logger, runs.Life.FlowName, run.ExecutionId, run.Resumes);
        }
    }

    private Task EndStrandedAsync(RunLedger runs, LedgerRun run) =>
        runs.UpdateAsync(run.ExecutionId, stored => Ended(
            stored,
            stored.Record.ExecutionStatus == ExecutionStatus.CancelStarted ? ExecutionStatus.Canceled : ExecutionStatus.Error,
            "The run was interrupted before it reported; its outcome is unknown."));

    private LedgerRun Ended(LedgerRun run, ExecutionStatus status, string message) => run with
    {
        Record = run.Record with
        {
            ExecutionStatus = status,
            LastUpdatedAt = time.GetUtcNow(),
            ExecutionResult = run.Record.ExecutionResult with { ErrorInfo = new ErrorInfo(0, message) },
        },
        Spec = null,
    };
}
