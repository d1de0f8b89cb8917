using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Resuming runs that lost their silo. Every run is stored with its spec and the silo that launched it
/// before its start is acknowledged, so when that silo dies (before it began the run, or during it), or
/// the launch itself never happened, the flow runs it again under the same execution id, and a retried
/// clientToken always points at a run that happens. A run resumed <see cref="RunsOptions.MaxResumes"/> times
/// that is stranded once more is quarantined (it ends as Error): whatever it does may be what kills its silo.
/// </summary>
public sealed partial class FlowGrain
{
    private static readonly TimeSpan StrandedRunCheckPeriod = TimeSpan.FromSeconds(10);
    private const string RecoveryReminder = "recover";
    private static readonly TimeSpan RecoveryReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RecoveryRetryDelay = TimeSpan.FromSeconds(5);
    private bool _recoveryReminderSet;
    private IGrainTimer? _strandedRunCheck;
    private IGrainTimer? _recoveryRetry;
    private bool _runsLeftToRecovery;

    /// <summary>
    /// Looks at each unfinished run this activation is not running: one whose silo is gone is resumed here
    /// (or ends, when it was being cancelled or nothing was stored to run it again); one whose silo lives
    /// is still running there and will report, so it is checked again later.
    /// </summary>
    private async Task ResumeStrandedRunsAsync()
    {
        var waiting = false;
        foreach (var (executionId, page) in History.Unfinished.Where(run => !_localRuns.ContainsKey(run.Key)).ToList())
        {
            var (record, pending) = await History.FindAsync(executionId, page);
            if (record is null)
            {
                continue;
            }

            if (pending is not null && IsAlive(pending))
            {
                waiting = true;
            }
            else if (pending is not null && record.ExecutionStatus == ExecutionStatus.InProgress && await CompleteTokenAsync(pending))
            {
                if (pending.Resumes >= runOptions.Value.MaxResumes)
                {
                    await QuarantineAsync(executionId, page, pending.Resumes);
                    continue;
                }

                // The token now names this run (it may have been lost with the silo, or its write may have failed
                // here), so a retry of the token gets this run rather than starting a second one.
                await History.SetPendingAsync(executionId, page, pending with { LaunchedBy = silo.SiloAddress, Resumes = pending.Resumes + 1 });
                GrainsLog.RunResumed(logger, Name, executionId, pending.LaunchedBy.ToString());
                await LaunchRun(pending.Spec);
            }
            else
            {
                await EndStrandedRunAsync(executionId, page);
            }
        }

        if (waiting)
        {
            _strandedRunCheck ??= this.RegisterGrainTimer(
                _ => ResumeStrandedRunsAsync(), new GrainTimerCreationOptions(StrandedRunCheckPeriod, StrandedRunCheckPeriod) { KeepAlive = true });
        }
        else
        {
            _strandedRunCheck?.Dispose();
            _strandedRunCheck = null;
        }
    }

    /// <summary>
    /// Whether the run may still be under way where it was launched. Here, only if this silo is carrying
    /// it out (a launch can fail between storing the run and starting it); elsewhere, while that silo lives.
    /// </summary>
    private bool IsAlive(PendingRun pending) => pending.LaunchedBy.Equals(silo.SiloAddress)
        ? localRuns.IsRunning(pending.Spec.ExecutionId)
        : membership.CurrentSnapshot.GetSiloStatus(pending.LaunchedBy) is not (SiloStatus.Dead or SiloStatus.None);

    /// <summary>
    /// Makes sure the run's clientToken names the run: records the token's outcome when it is missing. False
    /// when the token names another run (this start lost to it), so this run must not happen.
    /// </summary>
    private async Task<bool> CompleteTokenAsync(PendingRun pending)
    {
        var now = time.GetUtcNow();
        if (pending.Token is not { } token || !token.Outcome.IsActiveAt(now))
        {
            return true;
        }

        var known = _tokenCache.Find(token.Key, now);
        if (known is null)
        {
            var stored = await _tokens.ReadAsync(token.Key);
            known = Active(token.Key, stored, now) ?? await TryRecordAsync(token.Key, stored, token.Outcome, now) ?? token.Outcome;
            _tokenCache.Add(token.Key, known, now);
        }

        return known.Result is StartFlowResult result && result.ExecutionId == pending.Spec.ExecutionId;
    }

    /// <summary>A run stored here whose token write failed is resumed by the next call, or shortly by a timer.</summary>
    private void LeaveToRecovery()
    {
        _runsLeftToRecovery = true;
        _recoveryRetry ??= this.RegisterGrainTimer(
            async _ =>
            {
                _recoveryRetry?.Dispose();
                _recoveryRetry = null;
                try
                {
                    await RecoverLeftRunsAsync();
                }
                catch (Exception exception)
                {
                    GrainsLog.RecoveryFailed(logger, exception, Name);
                    LeaveToRecovery();
                }
            },
            new GrainTimerCreationOptions(RecoveryRetryDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task RecoverLeftRunsAsync()
    {
        if (_runsLeftToRecovery)
        {
            await ResumeStrandedRunsAsync();
            _runsLeftToRecovery = false;
        }
    }

    private async Task QuarantineAsync(string executionId, int page, int resumes)
    {
        var message = $"The run was quarantined: its silo stopped under it {resumes + 1} times, and it was resumed {resumes} times, "
            + $"the most {RunsOptions.SectionName}:{nameof(RunsOptions.MaxResumes)} allows; it is not resumed again.";
        if (await History.UpdateAsync(executionId, page, run => run.ExecutionStatus == ExecutionStatus.InProgress
                ? run with
                {
                    ExecutionStatus = ExecutionStatus.Error,
                    LastUpdatedAt = time.GetUtcNow(),
                    ExecutionResult = run.ExecutionResult with { ErrorInfo = new ErrorInfo(0, message) },
                }
                : null))
        {
            GrainsLog.RunQuarantined(logger, Name, executionId, resumes);
        }
    }

    private Task EndStrandedRunAsync(string executionId, int page) =>
        History.UpdateAsync(executionId, page, run => run.ExecutionStatus is ExecutionStatus.InProgress or ExecutionStatus.CancelStarted
            ? run with
            {
                ExecutionStatus = run.ExecutionStatus == ExecutionStatus.CancelStarted ? ExecutionStatus.Canceled : ExecutionStatus.Error,
                LastUpdatedAt = time.GetUtcNow(),
                ExecutionResult = run.ExecutionResult with { ErrorInfo = new ErrorInfo(0, "The run was interrupted before it reported; its outcome is unknown.") },
            }
            : null);

    /// <summary>
    /// Before this activation's first run is acknowledged, a reminder makes sure the flow wakes up after a
    /// crash even if nobody calls it, so its stranded runs resume by themselves. It stays while the
    /// activation lives (one write, not one per run) and goes when the flow deactivates with nothing unfinished.
    /// </summary>
    private async Task EnsureRecoveryReminderAsync()
    {
        if (!_recoveryReminderSet)
        {
            await this.RegisterOrUpdateReminder(RecoveryReminder, RecoveryReminderPeriod, RecoveryReminderPeriod);
            _recoveryReminderSet = true;
        }
    }

    private async Task OnRecoveryTickAsync()
    {
        _recoveryReminderSet = true;
        if (Exists)
        {
            await ResumeStrandedRunsAsync();
        }

        if (!Exists || History.Unfinished.Count == 0)
        {
            await DropRecoveryReminderAsync();
        }
    }

    private async Task DropRecoveryReminderAsync()
    {
        if (await this.GetReminder(RecoveryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _recoveryReminderSet = false;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The schedule reminder wakes the next activation; an alarm left here would wake this one again.
        _slotAlarm?.Dispose();
        if (_recoveryReminderSet && (!Exists || History.Unfinished.Count == 0))
        {
            try
            {
                await DropRecoveryReminderAsync();
            }
            catch (Exception exception)
            {
                // The reminder fires once more, finds nothing to resume and removes itself.
                GrainsLog.RecoveryFailed(logger, exception, Name);
            }
        }
    }
}
