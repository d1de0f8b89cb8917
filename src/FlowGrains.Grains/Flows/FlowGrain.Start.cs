using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;
using Orleans.Storage;

namespace FlowGrains.Grains.Flows;

/// <summary>Starting and stopping, and the clientToken contract of start-flow.md.</summary>
public sealed partial class FlowGrain
{
    private static readonly TimeSpan TokenLease = TimeSpan.FromHours(1);
    private static readonly TimeSpan TokenLeaseMargin = TimeSpan.FromMinutes(10);
    private DateTimeOffset _tokenCacheCompleteAt = DateTimeOffset.MaxValue;

    /// <inheritdoc />
    public async Task<StartFlowResult> StartFlowAsync(StartFlowRequest request)
    {
        var name = Name;
        StartFlowRequestValidator.Validate(request);
        EnsureExists();

        var triggerType = state.State.Definition!.TriggerConfig.TriggerType;
        var scope = new ClientTokenScope(name, state.State.Incarnation!, ClientTokenScope.Start);
        var fingerprint = RequestFingerprint.OfMap(request.Parameters);

        // Rule 4: a reused token with other parameters is an error for activations, the first result for runs.
        var mismatchIsError = triggerType != TriggerType.OnDemand;
        return await RunOnceAsync(scope, request.ClientToken, fingerprint, mismatchIsError, (now, token) =>
            triggerType == TriggerType.OnDemand ? StartRunAsync(request, now, token, fingerprint) : ActivateAsync(now, token));
    }

    /// <inheritdoc />
    public async Task<StopFlowResult> StopFlowAsync()
    {
        EnsureExists();
        if (state.State.Definition!.TriggerConfig.TriggerType == TriggerType.OnDemand)
        {
            throw new FlowOperationException(FlowErrorCode.UnsupportedOperation, "OnDemand flows cannot be stopped.");
        }

        if (state.State.Status != FlowStatus.Active)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {state.State.Status}, not Active.");
        }

        state.State.Status = FlowStatus.Suspended;
        state.State.StatusMessage = null;
        state.State.LastUpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await StopScheduleAsync();
        return new StopFlowResult(Arn, state.State.Status);
    }

    private async Task<PendingOutcome<StartFlowResult>> StartRunAsync(
        StartFlowRequest request, DateTimeOffset now, TokenExpiry? token, string? fingerprint = null, string? eventPayload = null,
        DataPullWindow? dataPull = null, string? executionId = null)
    {
        if (state.State.Status != FlowStatus.Active)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {state.State.Status}, not Active.");
        }

        RunAdmission.Check(Name, History.Unfinished.Count, localRuns.Count, runOptions.Value);
        executionId ??= Guid.CreateVersion7(now).ToString();
        var record = new ExecutionRecord(
            executionId, ExecutionStatus.InProgress, now, now, ExecutionResult.Empty, dataPull?.Start, dataPull?.End);
        var result = new StartFlowResult(executionId, now, Name, Arn, state.State.Status, executionId);
        RunSpec SpecOn(int page) =>
            new(Name, state.State.Incarnation!, executionId, page, state.State.Definition!, request.Parameters, eventPayload, dataPull);

        // The token's outcome travels with the run, so a run resumed after a crash records it if the crash came first.
        var tokenOutcome = token is null ? null : new PendingToken(token.Key, new ClientTokenRecord(fingerprint!, now, result));
        await EnsureRecoveryReminderAsync();
        var page = await History.AppendAsync(record, token, PersistPagesAsync, page => new PendingRun(SpecOn(page), silo.SiloAddress, tokenOutcome));
        var spec = SpecOn(page);
        return new PendingOutcome<StartFlowResult>(
            result,
            Commit: () => LaunchRun(spec),
            Abandon: () => History.UpdateAsync(executionId, page, run => run with
            {
                ExecutionStatus = ExecutionStatus.Error,
                LastUpdatedAt = time.GetUtcNow(),
                ExecutionResult = ExecutionResult.Empty with { ErrorInfo = new ErrorInfo(0, "The start was not recorded, so the run did not start.") },
            }),
            CompletedByRecovery: true);
    }

    private async Task<PendingOutcome<StartFlowResult>> ActivateAsync(DateTimeOffset now, TokenExpiry? token)
    {
        var previous = (state.State.Status, state.State.StatusMessage, state.State.LastUpdatedAt, state.State.ActivatedAt, state.State.LastSlotAt);
        if (previous.Status is not (FlowStatus.Draft or FlowStatus.Suspended))
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{Name}' is {previous.Status}; only Draft or Suspended flows can be activated.");
        }

        await JournalAsync(token);
        state.State.Status = FlowStatus.Active;
        state.State.StatusMessage = null;
        state.State.LastUpdatedAt = now;

        // Slots missed while the flow was not active are not owed: the schedule starts afresh.
        state.State.ActivatedAt = now;
        state.State.LastSlotAt = null;
        state.State.ConsecutiveFailures = 0;
        await state.WriteStateAsync();
        var activationId = Guid.CreateVersion7(now).ToString();
        return new PendingOutcome<StartFlowResult>(
            new StartFlowResult(activationId, now, Name, Arn, FlowStatus.Active, null),
            Commit: IsActiveScheduled ? StartScheduleAsync : null,
            Abandon: async () =>
            {
                (state.State.Status, state.State.StatusMessage, state.State.LastUpdatedAt, state.State.ActivatedAt, state.State.LastSlotAt) = previous;
                await state.WriteStateAsync();
            });
    }

    private async Task PersistPagesAsync(int pageCount, int oldestUnfinishedPage)
    {
        state.State.ExecutionPageCount = pageCount;
        state.State.OldestUnfinishedPage = oldestUnfinishedPage;
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Runs <paramref name="execute"/> once per active clientToken. The outcome is stored before the
    /// caller sees it; a retry within the token's lifetime gets the stored result and changes nothing.
    /// The grain is not reentrant, so concurrent calls with one token are serialised here and the first
    /// one decides the result for all of them.
    /// </summary>
    private async Task<TResult> RunOnceAsync<TResult>(
        ClientTokenScope scope,
        string? clientToken,
        string fingerprint,
        bool mismatchIsError,
        Func<DateTimeOffset, TokenExpiry?, Task<PendingOutcome<TResult>>> execute)
        where TResult : class
    {
        var now = time.GetUtcNow();
        await SweepExpiredTokensAsync(now);
        await RecoverLeftRunsAsync();
        if (clientToken is null)
        {
            var untokened = await execute(now, null);
            await (untokened.Commit?.Invoke() ?? Task.CompletedTask);
            return untokened.Result;
        }

        var key = scope.KeyOf(clientToken);
        IGrainState<ClientTokenRecord?> stored = new GrainState<ClientTokenRecord?>();
        var known = _tokenCache.Find(key, now);
        if (known is null && !TokenCacheIsComplete(scope, now))
        {
            stored = await _tokens.ReadAsync(key);
            known = Active(key, stored, now);
        }

        if (known is not null)
        {
            return Replay<TResult>(known, fingerprint, mismatchIsError);
        }

        await ExtendTokenLeaseAsync(scope, now);
        var pending = await execute(now, new TokenExpiry(key, now + ClientTokenRecord.Lifetime));
        var record = new ClientTokenRecord(fingerprint, now, pending.Result);
        ClientTokenRecord? winner;
        try
        {
            winner = await TryRecordAsync(key, stored, record, now);
        }
        catch (Exception exception) when (exception is not InconsistentStateException && pending.CompletedByRecovery)
        {
            // The token write may have been stored even though it failed here: recovery settles it either way.
            LeaveToRecovery();
            throw;
        }
        catch (Exception exception)
        {
            await (pending.Abandon?.Invoke() ?? Task.CompletedTask);
            if (exception is InconsistentStateException)
            {
                throw new FlowOperationException(
                    FlowErrorCode.Conflict, "Another request with the same clientToken completed first; retry to get its result.");
            }

            throw;
        }

        if (winner is not null)
        {
            await (pending.Abandon?.Invoke() ?? Task.CompletedTask);
            return Replay<TResult>(winner, fingerprint, mismatchIsError);
        }

        _tokenCache.Add(key, record, now);
        _tokensSinceSweep++;
        await (pending.Commit?.Invoke() ?? Task.CompletedTask);
        return pending.Result;
    }

    /// <summary>
    /// Stores <paramref name="record"/> for the token; null when stored, or the active record that another
    /// call stored first (an entry this activation could not see: a duplicate activation's, say).
    /// </summary>
    private async Task<ClientTokenRecord?> TryRecordAsync(
        string key, IGrainState<ClientTokenRecord?> stored, ClientTokenRecord record, DateTimeOffset now)
    {
        try
        {
            stored.State = record;
            await _tokens.WriteAsync(key, stored);
            return null;
        }
        catch (InconsistentStateException)
        {
            // Written blind (the cache was complete) over an entry that exists: expired, or another writer's.
            var current = await _tokens.ReadAsync(key);
            if (Active(key, current, now) is { } winner)
            {
                return winner;
            }

            current.State = record;
            await _tokens.WriteAsync(key, current);
            return null;
        }
    }

    private ClientTokenRecord? Active(string key, IGrainState<ClientTokenRecord?> stored, DateTimeOffset now)
    {
        if (stored.State is { } found && found.IsActiveAt(now))
        {
            _tokenCache.Add(key, found, now);
            return found;
        }

        return null;
    }

    private static TResult Replay<TResult>(ClientTokenRecord known, string fingerprint, bool mismatchIsError)
    {
        if (mismatchIsError && known.Fingerprint != fingerprint)
        {
            throw new FlowOperationException(
                FlowErrorCode.ClientTokenMismatch,
                "The clientToken was already used with different request parameters.");
        }

        return (TResult)known.Result;
    }

    /// <summary>
    /// Whether a token missing from the cache is certainly new, so storage need not be read: true once
    /// every token accepted by earlier activations of this flow's life has expired.
    /// </summary>
    private bool TokenCacheIsComplete(ClientTokenScope scope, DateTimeOffset now) =>
        scope.Operation != ClientTokenScope.Create && now >= _tokenCacheCompleteAt;

    private async Task ExtendTokenLeaseAsync(ClientTokenScope scope, DateTimeOffset now)
    {
        if (scope.Operation == ClientTokenScope.Create || state.State.TokenLeaseUntil - TokenLeaseMargin > now)
        {
            return;
        }

        var previousLease = state.State.TokenLeaseUntil;
        state.State.TokenLeaseUntil = now + TokenLease;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // An unstored lease must not count as one: the next activation reads the stored one.
            state.State.TokenLeaseUntil = previousLease;
            throw;
        }
    }
}
