using System.Collections.Immutable;
using System.Globalization;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Executions;

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
        var scope = $"executions/{Name}/{state.State.Incarnation}";
        var from = History.Count - 1;
        if (nextToken is not null)
        {
            var position = pageTokens.Decode(scope, nextToken);
            if (!long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from >= History.Count)
            {
                throw FlowOperationException.Invalid("nextToken", "is not a token this listing issued.");
            }
        }

        var (records, next) = await History.ReadNewestFirstAsync(from, maxResults);
        var token = next >= 0 ? pageTokens.Encode(scope, next.ToString(CultureInfo.InvariantCulture)) : null;
        return new ExecutionRecordsPage(records, token);
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

        EnsureExists();
        var targets = executionIds.IsDefaultOrEmpty ? History.Unfinished.Keys.ToList() : executionIds.Distinct().ToList();
        var invalid = ImmutableArray.CreateBuilder<string>();
        foreach (var executionId in targets)
        {
            var cancelled = History.Unfinished.TryGetValue(executionId, out var page)
                && await History.UpdateAsync(executionId, page, run => run.ExecutionStatus == ExecutionStatus.InProgress
                    ? run with { ExecutionStatus = ExecutionStatus.CancelStarted, LastUpdatedAt = time.GetUtcNow() }
                    : null);
            if (cancelled)
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
        // A report for an earlier life of the flow (deleted since) or a repeated report changes nothing.
        if (!Exists || outcome.Incarnation != state.State.Incarnation)
        {
            ForgetLocalRun(outcome.ExecutionId);
            return;
        }

        ExecutionRecord? ended = null;
        var recorded = await History.UpdateAsync(
            outcome.ExecutionId,
            outcome.Page,
            run => ended = run.ExecutionStatus switch
            {
                ExecutionStatus.InProgress => run with { ExecutionStatus = outcome.Status, LastUpdatedAt = time.GetUtcNow(), ExecutionResult = outcome.Result },

                // Cancellation that the run noticed too late still ends Canceled; what it wrote stays written.
                ExecutionStatus.CancelStarted => run with
                {
                    ExecutionStatus = ExecutionStatus.Canceled,
                    LastUpdatedAt = time.GetUtcNow(),
                    ExecutionResult = outcome.Result with { ErrorInfo = new ErrorInfo(0, "The run was cancelled.") },
                },
                _ => null,
            });

        // The outcome is stored before the report returns: a run reported but not stored would be run again
        // by recovery once this silo is gone, and the run keeps reporting until this succeeds.
        if (recorded)
        {
            GrainsLog.RunEnded(logger, Name, outcome.ExecutionId, outcome.Status.ToString());
            await AfterScheduledRunAsync(ended!, outcome.ResumeFrom);
        }

        ForgetLocalRun(outcome.ExecutionId);
    }

    /// <inheritdoc />
    public async Task ReportRunProgressAsync(RunOutcome progress)
    {
        if (!Exists || progress.Incarnation != state.State.Incarnation)
        {
            return;
        }

        await History.UpdateAsync(
            progress.ExecutionId,
            progress.Page,
            run => run.ExecutionStatus == ExecutionStatus.InProgress
                ? run with { LastUpdatedAt = time.GetUtcNow(), ExecutionResult = progress.Result }
                : null);
    }

    private Task LaunchRun(RunSpec spec)
    {
        var cancellation = new CancellationTokenSource();
        _localRuns[spec.ExecutionId] = cancellation;

        // A run's cancellation source lives in this activation, so it must outlive the run.
        DelayDeactivation(TimeSpan.FromDays(365));
        BackgroundRun.Start(runner, localRuns, GrainFactory, logger, spec, cancellation.Token);
        return Task.CompletedTask;
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
