using System.Collections.Immutable;
using System.Globalization;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Flows;

/// <summary>The run history: listing, cancelling, and recording how runs end.</summary>
public sealed partial class FlowGrain
{
    private readonly Dictionary<string, CancellationTokenSource> _localRuns = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<ExecutionRecordsPage> DescribeFlowExecutionRecordsAsync(int maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > 100)
        {
            throw FlowOperationException.Invalid("maxResults", "must be 1-100.");
        }

        EnsureExists();
        var scope = $"executions/{Name}/{State.Incarnation}";
        long? before = null;
        if (nextToken is not null)
        {
            var position = pageTokens.Decode(scope, nextToken);
            if (!long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw FlowOperationException.Invalid("nextToken", "is not a token this listing issued.");
            }

            before = sequence;
        }

        var page = await Runs.ReadAsync(before, maxResults);
        var token = page.Next is { } next ? pageTokens.Encode(scope, next.ToString(CultureInfo.InvariantCulture)) : null;
        return new ExecutionRecordsPage(page.Records, token);
    }

    /// <inheritdoc />
    public async Task<CancelFlowExecutionsResult> CancelFlowExecutionsAsync(ImmutableArray<string> executionIds)
    {
        executionIds = executionIds.IsDefault ? [] : executionIds;
        if (executionIds.Length > 100)
        {
            throw FlowOperationException.Invalid("executionIds", "at most 100 execution ids are allowed.");
        }

        if (executionIds.IndexOf(null!) is var nullIndex and >= 0)
        {
            throw FlowOperationException.Invalid($"executionIds[{nullIndex}]", "must be a string.");
        }

        await RefreshAsync();
        EnsureExists();
        var targets = executionIds.IsDefaultOrEmpty ? Runs.Unfinished.Keys.ToList() : executionIds.Distinct().ToList();
        var invalid = ImmutableArray.CreateBuilder<string>();
        foreach (var executionId in targets)
        {
            var cancelled = await Runs.UpdateAsync(executionId, run => run.Record.ExecutionStatus == ExecutionStatus.InProgress
                ? run with { Record = run.Record with { ExecutionStatus = ExecutionStatus.CancelStarted, LastUpdatedAt = time.GetUtcNow() } }
                : null);
            if (cancelled is not null)
            {
                CancelLocalRuns([executionId]);
            }
            else if (!executionIds.IsDefaultOrEmpty)
            {
                invalid.Add(executionId);
            }
        }

        return new CancelFlowExecutionsResult(invalid.ToImmutable());
    }

    /// <inheritdoc />
    public async Task ReportRunEndedAsync(RunOutcome outcome)
    {
        await _gate.EnterRunCallAsync();
        try
        {
            await RecordRunEndedAsync(outcome);
        }
        finally
        {
            _gate.ExitRunCall();
        }
    }

    private async Task RecordRunEndedAsync(RunOutcome outcome)
    {
        // A report for an earlier life of the flow (deleted since) or a repeated report changes nothing.
        if (!Exists || outcome.Incarnation != State.Incarnation)
        {
            ForgetLocalRun(outcome.ExecutionId);
            return;
        }

        FlowDefinition? definition = null;
        var ended = await Runs.UpdateAsync(outcome.ExecutionId, run =>
        {
            definition = run.Spec?.Definition;
            return run.Record.ExecutionStatus switch
            {
                ExecutionStatus.InProgress => Ended(run, run.Record with { ExecutionStatus = outcome.Status, ExecutionResult = outcome.Result }),

                // Cancellation that the run noticed too late still ends Canceled; what it wrote stays written.
                ExecutionStatus.CancelStarted => Ended(run, run.Record with
                {
                    ExecutionStatus = ExecutionStatus.Canceled,
                    ExecutionResult = outcome.Result with { ErrorInfo = new ErrorInfo(0, "The run was cancelled.") },
                }),
                _ => null,
            };
        });

        // The outcome is stored before the report returns: a run reported but not stored would be run again
        // by recovery once this silo is gone, and the run keeps reporting until this succeeds.
        if (ended is not null)
        {
            GrainsLog.RunEnded(logger, Name, outcome.ExecutionId, outcome.Status.ToString());
            metrics.RunEnded(ended.Record, definition ?? State.Definition!);
            await AfterScheduledRunAsync(ended.Record, outcome.ResumeFrom);
        }

        ForgetLocalRun(outcome.ExecutionId);
    }

    /// <inheritdoc />
    public async Task ReportRunProgressAsync(RunOutcome progress)
    {
        await _gate.EnterRunCallAsync();
        try
        {
            if (Exists && progress.Incarnation == State.Incarnation)
            {
                await RecordProgressAsync(progress);
            }
        }
        finally
        {
            _gate.ExitRunCall();
        }
    }

    private Task RecordProgressAsync(RunOutcome progress) =>
        Runs.UpdateAsync(progress.ExecutionId, run => run.Record.ExecutionStatus == ExecutionStatus.InProgress
            ? run with { Record = run.Record with { LastUpdatedAt = time.GetUtcNow(), ExecutionResult = progress.Result } }
            : null);

    /// <summary>A finished run keeps no spec: nothing will run it again.</summary>
    private LedgerRun Ended(LedgerRun run, ExecutionRecord record) =>
        run with { Record = record with { LastUpdatedAt = time.GetUtcNow() }, Spec = null };

    private void LaunchRun(RunSpec spec)
    {
        var cancellation = new CancellationTokenSource();
        _localRuns[spec.ExecutionId] = cancellation;

        // A run's cancellation source lives in this activation, so it must outlive the run.
        DelayDeactivation(TimeSpan.FromDays(365));
        BackgroundRun.Start(runner, localRuns, GrainFactory, logger, spec, cancellation.Token);
    }

    private void CancelLocalRuns(IEnumerable<string> executionIds)
    {
        foreach (var executionId in executionIds)
        {
            if (_localRuns.TryGetValue(executionId, out var cancellation))
            {
                cancellation.Cancel();
            }
        }
    }

    private void ForgetLocalRun(string executionId)
    {
        if (_localRuns.Remove(executionId, out var cancellation))
        {
            cancellation.Dispose();
        }

        if (_localRuns.Count == 0)
        {
            DelayDeactivation(TimeSpan.Zero);
        }
    }
}
