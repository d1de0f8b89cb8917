using FlowGrains.Grains.Executions;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// When <see cref="RunRecovery"/> looks at the flow's stranded runs: on activation, while some run waits on
/// a live silo (every few seconds), shortly after a start whose write outcome was unknown, and on a
/// reminder that wakes the flow after a crash even if nobody calls it.
/// </summary>
public sealed partial class FlowGrain
{
    private static readonly TimeSpan StrandedRunCheckPeriod = TimeSpan.FromSeconds(10);
    private const string RecoveryReminder = "recover";
    private static readonly TimeSpan RecoveryReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RecoveryRetryDelay = TimeSpan.FromSeconds(5);
    private bool _recoveryReminderSet;
    private Task? _recoveryReminderRegistration;
    private IGrainTimer? _strandedRunCheck;
    private IGrainTimer? _recoveryRetry;

    private async Task ResumeStrandedRunsAsync()
    {
        if (!Exists)
        {
            return;
        }

        var waiting = await _recovery.ResumeStrandedAsync(Runs, spec =>
        {
            LaunchRun(spec);
            return Task.CompletedTask;
        });
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

    /// <summary>A run whose write failed may be stored all the same: shortly, the stored unfinished runs are read again and resumed.</summary>
    private void LeaveToRecovery()
    {
        _recoveryRetry ??= this.RegisterGrainTimer(
            async _ =>
            {
                _recoveryRetry?.Dispose();
                _recoveryRetry = null;
                try
                {
                    if (Exists)
                    {
                        await Runs.ReloadUnfinishedAsync();
                        await ResumeStrandedRunsAsync();
                    }
                }
                catch (Exception exception)
                {
                    GrainsLog.RecoveryFailed(logger, exception, Name);
                    LeaveToRecovery();
                }
            },
            new GrainTimerCreationOptions(RecoveryRetryDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// Before this activation's first run is acknowledged, a reminder makes sure the flow wakes up after a
    /// crash even if nobody calls it, so its stranded runs resume by themselves. It stays while the
    /// activation lives (one write, not one per run) and goes when the flow deactivates with nothing unfinished.
    /// </summary>
    private async Task EnsureRecoveryReminderAsync()
    {
        if (_recoveryReminderSet)
        {
            return;
        }

        // Starts interleave: the first registers, the others wait for it, and a failed registration is tried again.
        _recoveryReminderRegistration ??= this.RegisterOrUpdateReminder(RecoveryReminder, RecoveryReminderPeriod, RecoveryReminderPeriod);
        try
        {
            await _recoveryReminderRegistration;
            _recoveryReminderSet = true;
        }
        finally
        {
            _recoveryReminderRegistration = null;
        }
    }

    private async Task OnRecoveryTickAsync()
    {
        _recoveryReminderSet = true;
        await ResumeStrandedRunsAsync();
        if (!Exists || Runs.Unfinished.Count == 0)
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

        // A stopping silo leaves the reminder be: its reminder service may be gone already (the in-memory table
        // is a grain deactivating beside this one), and a reminder left behind fires once on another silo,
        // finds nothing to resume and removes itself.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            return;
        }

        if (_recoveryReminderSet && (!Exists || Runs.Unfinished.Count == 0))
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
