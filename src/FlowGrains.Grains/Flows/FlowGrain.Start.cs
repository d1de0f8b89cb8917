using FlowGrains.DataPlane.Telemetry;
using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Scheduling;
using FlowGrains.Grains.Telemetry;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.Flows;

/// <summary>Starting and stopping: a run of an OnDemand flow, or the activation of a Scheduled or Event flow.</summary>
public sealed partial class FlowGrain
{
    private readonly Dictionary<string, Task<LedgerToken?>> _tokensBeingWritten = new(StringComparer.Ordinal);
    private int _startsBeingWritten;

    /// <inheritdoc />
    public async Task<StartFlowResult> StartFlowAsync(StartFlowRequest request)
    {
        StartFlowRequestValidator.Validate(request);
        EnsureExists();
        var fingerprint = RequestFingerprint.OfMap(request.Parameters);
        if (State.Definition!.TriggerConfig.TriggerType != TriggerType.OnDemand)
        {
            return await ActivateAsync(request.ClientToken, fingerprint);
        }

        // Rule 4: a reused token with other parameters gets the first run.
        var use = new TokenUse(Life, TokenOperations.Start, request.ClientToken, fingerprint, MismatchIsError: false);
        return await StartRunOnceAsync(use, request.Parameters, eventPayload: null);
    }

    /// <summary>
    /// Stores a new run and its token in one ledger write, then launches it; a token already active gets its
    /// stored outcome and nothing runs. The call interleaves with other starts, so theirs are written together;
    /// a start whose token another start of this activation is writing waits for that one and gets its outcome.
    /// </summary>
    private async Task<StartFlowResult> StartRunOnceAsync(TokenUse use, ImmutableSortedDictionary<string, string> parameters, string? eventPayload)
    {
        await _gate.EnterRunCallAsync();
        try
        {
            var tokenHash = use.ClientToken is { } clientToken ? LedgerToken.Hash(clientToken) : null;
            var key = tokenHash is null ? null : $"{use.Operation}/{tokenHash}";
            while (key is not null && _tokensBeingWritten.TryGetValue(key, out var first))
            {
                if (await first is { } firstOutcome)
                {
                    return ClientTokenLedger.Replay<StartFlowResult>(firstOutcome, use);
                }
            }

            var written = key is null ? null : new TaskCompletionSource<LedgerToken?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (key is not null)
            {
                _tokensBeingWritten[key] = written!.Task;
            }

            _startsBeingWritten++;
            LedgerToken? named = null;
            using var activity = FlowTelemetry.Activities.StartActivity("flowgrains.start");
            activity?.SetTag("flowgrains.flow", Name);
            try
            {
                await RefreshAsync();
                EnsureExists();
                var now = time.GetUtcNow();
                var (run, result) = NewRun(parameters, now, startsAhead: _startsBeingWritten - 1, eventPayload);
                var token = tokenHash is null ? null : new LedgerToken(use.Operation, tokenHash, use.Fingerprint, now, result);
                var stored = await StoreRunAsync(run, token, now);
                named = stored ?? token;
                var answer = stored is null ? result : ClientTokenLedger.Replay<StartFlowResult>(stored, use);
                activity?.SetTag("flowgrains.execution_id", answer.ExecutionId);
                metrics.Started(stored is null ? FlowMetrics.New : FlowMetrics.Replayed, State.Definition!.TriggerConfig.TriggerType);
                return answer;
            }
            catch (FlowOperationException exception)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Code.ToString());
                metrics.Started(FlowMetrics.Refused, State.Definition?.TriggerConfig.TriggerType ?? TriggerType.OnDemand);
                throw;
            }
            finally
            {
                _startsBeingWritten--;
                if (key is not null)
                {
                    // Null after a failure: a waiting start then tries for itself.
                    _tokensBeingWritten.Remove(key);
                    written!.SetResult(named);
                }
            }
        }
        finally
        {
            _gate.ExitRunCall();
        }
    }

    /// <summary>A new run of the current definition, not yet stored, with the result its start answers.</summary>
    private (LedgerRun Run, StartFlowResult Result) NewRun(
        ImmutableSortedDictionary<string, string> parameters,
        DateTimeOffset now,
        int startsAhead,
        string? eventPayload = null,
        DataPullWindow? dataPull = null,
        string? executionId = null)
    {
        if (State.Status != FlowStatus.Active)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {State.Status}, not Active.");
        }

        // Other starts in flight count too: they are admitted already, and not yet among the unfinished runs.
        RunAdmission.Check(Name, Runs.Unfinished.Count + startsAhead, localRuns.Count, localRuns.IsStopping, runOptions.Value);
        executionId ??= Guid.CreateVersion7(now).ToString();
        var record = new ExecutionRecord(executionId, ExecutionStatus.InProgress, now, now, ExecutionResult.Empty, dataPull?.Start, dataPull?.End);
        var spec = new RunSpec(Name, State.Incarnation!, executionId, State.Definition!, parameters, eventPayload, dataPull);
        var run = new LedgerRun(record, spec, silo.SiloAddress.ToParsableString());
        return (run, new StartFlowResult(executionId, now, Name, Arn, State.Status, executionId));
    }

    /// <summary>
    /// Stores the run (and its token) and launches it; the active token that names another outcome when
    /// there is one. When the write's outcome is unknown, recovery settles it: a stored run is launched
    /// here shortly (or by another silo once this one is gone), and a retry of its token gets that run.
    /// </summary>
    private async Task<LedgerToken?> StoreRunAsync(LedgerRun run, LedgerToken? token, DateTimeOffset now)
    {
        await EnsureRecoveryReminderAsync();
        LedgerToken? stored;
        try
        {
            stored = await Runs.StartAsync(run, token, now);
        }
        catch
        {
            LeaveToRecovery();
            throw;
        }

        if (stored is null)
        {
            LaunchRun(run.Spec!);
        }

        return stored;
    }

    /// <summary>Activates a Draft or Suspended Scheduled or Event flow, once per active clientToken.</summary>
    private async Task<StartFlowResult> ActivateAsync(string? clientToken, string fingerprint)
    {
        using var change = await _gate.EnterChangeAsync();
        await RefreshAsync();
        EnsureExists();
        var use = new TokenUse(Life, TokenOperations.Start, clientToken, fingerprint, MismatchIsError: true);
        var now = time.GetUtcNow();
        return await _tokens.ChangeOnceAsync(use, State, now, () =>
        {
            if (State.Status is not (FlowStatus.Draft or FlowStatus.Suspended))
            {
                throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {State.Status}; only Draft or Suspended flows can be activated.");
            }

            var active = _schedule.Activate(State, now);
            var result = new StartFlowResult(Guid.CreateVersion7(now).ToString(), now, Name, Arn, FlowStatus.Active, null);
            return Task.FromResult(new PlannedChange<StartFlowResult>(result, async guard =>
            {
                await _record!.WriteAsync(active with { LastChange = guard ?? active.LastChange });
                if (IsActiveScheduled)
                {
                    await StartScheduleAsync();
                }
            }));
        });
    }

    /// <inheritdoc />
    public async Task<StopFlowResult> StopFlowAsync()
    {
        using var change = await _gate.EnterChangeAsync();
        await RefreshAsync();
        EnsureExists();
        if (State.Definition!.TriggerConfig.TriggerType == TriggerType.OnDemand)
        {
            throw new FlowOperationException(FlowErrorCode.UnsupportedOperation, "OnDemand flows cannot be stopped.");
        }

        if (State.Status != FlowStatus.Active)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {State.Status}, not Active.");
        }

        await _record!.WriteAsync(State with { Status = FlowStatus.Suspended, StatusMessage = null, LastUpdatedAt = time.GetUtcNow() });
        await StopScheduleAsync();
        return new StopFlowResult(Arn, State.Status);
    }
}
