using FlowGrains.Contracts;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Catalog;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Paging;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// One flow: its definition and status, a cache of its recent clientTokens, and its run history.
/// This file holds the flow's lifecycle; starting and runs are in the other parts of the class.
/// </summary>
public sealed partial class FlowGrain(
    [PersistentState(FlowStorageNames.FlowState, FlowStorageNames.Provider)] IPersistentState<FlowState> state,
    [FromKeyedServices(FlowStorageNames.Provider)] IGrainStorage storage,
    ConnectorRegistry connectors,
    FlowRunner runner,
    LocalRunRegistry localRuns,
    ConnectorProfileResolver profiles,
    Connectors.Egress.IEgressPolicy egress,
    PageTokenCodec pageTokens,
    IOptions<FlowGrainsOptions> options,
    IOptions<RunsOptions> runOptions,
    IOptions<QuotasOptions> quotas,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    ILogger<FlowGrain> logger)
    : Grain, IFlowGrain, IFlowRunReporter
{
    private readonly ClientTokenStore _tokens = new(storage);
    private readonly ClientTokenCache _tokenCache = new();
    private ExecutionHistory? _history;

    private string? _name;

    private string Name => _name ??= FlowName.ToGrainKey(this.GetPrimaryKeyString());

    private bool Exists => state.State.Incarnation is not null;

    private string Arn => FlowArn.For(options.Value, Name);

    private ExecutionHistory History => _history ??= new ExecutionHistory(storage, Name, state.State.Incarnation!)
    {
        FirstRetainedPage = state.State.FirstRetainedPage,
    };

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (FlowName.IsValid(this.GetPrimaryKeyString()) && Exists)
        {
            await History.LoadAsync(state.State.ExecutionPageCount, state.State.OldestUnfinishedPage);
            await ResumeStrandedRunsAsync();
        }

        // Tokens that earlier activations accepted are only in storage until they expire.
        _tokenCacheCompleteAt = state.State.TokenLeaseUntil is { } lease ? lease + ClientTokenRecord.Lifetime : DateTimeOffset.MinValue;
    }

    /// <inheritdoc />
    public async Task<CreateFlowResult> CreateFlowAsync(CreateFlowRequest request)
    {
        var name = Name;
        RequestRules.ClientToken(request.ClientToken);
        FlowDefinitionValidator.Validate(request.Definition, connectors, quotas.Value);
        TagRules.Validate(request.Tags);

        var scope = CreateScope(name);
        try
        {
            return await RunOnceAsync(scope, request.ClientToken, RequestFingerprint.Of(request with { ClientToken = null }), mismatchIsError: true, (now, token) => CreateAsync(name, request, now, token));
        }
        finally
        {
            _definitionsInProgress.Clear();
        }
    }

    private async Task<PendingOutcome<CreateFlowResult>> CreateAsync(string name, CreateFlowRequest request, DateTimeOffset now, TokenExpiry? token)
    {
        if (Exists)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Flow '{name}' already exists.");
        }

        // Inside the token's first run: a replay returns the stored outcome even if a profile changed since.
        await RecordAndCheckConnectionsAsync(request.Definition);

        // The index entry goes first: a crash after it leaves a name the catalog skips, never a flow it cannot list.
        var index = GrainFactory.GetGrain<IFlowIndexPartitionGrain>(FlowIndexPartitions.Of(name));
        await index.AddAsync(name);
        if (!await FlowQuota.HoldsAsync(GrainFactory, quotas.Value.MaxFlows))
        {
            await index.RemoveAsync(name);
            await ForgetProfileUseAsync(request.Definition, after: null);
            throw QuotaExceeded.Error("flowName", "flows", quotas.Value.MaxFlows, nameof(QuotasOptions.MaxFlows));
        }

        state.State = new FlowState
        {
            Incarnation = Guid.CreateVersion7(now).ToString("N"),
            Definition = request.Definition,
            Tags = request.Tags,
            Status = InitialStatus(request.Definition.TriggerConfig.TriggerType),
            CreatedAt = now,
            LastUpdatedAt = now,

            // Create tokens outlive the flow (a retry after a delete still gets the first result), so they carry over.
            CreateTokens = [.. state.State.CreateTokens, .. token is null ? Array.Empty<TokenExpiry>() : [token]],
        };
        await state.WriteStateAsync();
        _history = null;
        _journal = null;
        _tokenCacheCompleteAt = DateTimeOffset.MinValue;
        GrainsLog.FlowCreated(logger, name, request.Definition.TriggerConfig.TriggerType.ToString());
        return new PendingOutcome<CreateFlowResult>(
            new CreateFlowResult(Arn, state.State.Status),
            Abandon: async () =>
            {
                await RemoveFlowAsync(name);
                await ForgetProfileUseAsync(request.Definition, after: null);
            });
    }

    /// <inheritdoc />
    public async Task<UpdateFlowResult> UpdateFlowAsync(UpdateFlowRequest request)
    {
        var name = Name;
        RequestRules.ClientToken(request.ClientToken);
        FlowDefinitionValidator.Validate(request.Definition, connectors, quotas.Value);
        EnsureExists();

        var scope = new ClientTokenScope(name, state.State.Incarnation!, ClientTokenScope.Update);
        try
        {
            return await RunOnceAsync(scope, request.ClientToken, RequestFingerprint.Of(request with { ClientToken = null }), mismatchIsError: true, (now, token) => UpdateAsync(request, now, token));
        }
        finally
        {
            _definitionsInProgress.Clear();
        }
    }

    private async Task<PendingOutcome<UpdateFlowResult>> UpdateAsync(UpdateFlowRequest request, DateTimeOffset now, TokenExpiry? token)
    {
        await RecordAndCheckConnectionsAsync(request.Definition);
        var previous = (state.State.Definition, state.State.Status, state.State.StatusMessage, state.State.LastUpdatedAt);
        var previousSlot = state.State.LastSlotAt;
        try
        {
            var newType = request.Definition.TriggerConfig.TriggerType;
            if (newType != state.State.Definition!.TriggerConfig.TriggerType)
            {
                state.State.Status = InitialStatus(newType);
                state.State.StatusMessage = null;
            }

            await JournalAsync(token);
            if (IsActiveScheduled && request.Definition.TriggerConfig.Scheduled != state.State.Definition!.TriggerConfig.Scheduled)
            {
                // A new schedule starts from now: a slot the old one already ran (or passed) must not run again.
                state.State.LastSlotAt = previousSlot > now ? previousSlot : now;
            }

            state.State.Definition = request.Definition;
            state.State.LastUpdatedAt = now;
            await state.WriteStateAsync();
        }
        catch
        {
            // What this activation holds must stay what storage holds, or a later write would store half an update.
            (state.State.Definition, state.State.Status, state.State.StatusMessage, state.State.LastUpdatedAt) = previous;
            state.State.LastSlotAt = previousSlot;
            throw;
        }

        return new PendingOutcome<UpdateFlowResult>(
            new UpdateFlowResult(state.State.Status),
            Commit: async () =>
            {
                await FollowScheduleAsync();
                await ForgetProfileUseAsync(previous.Definition, request.Definition);
            },
            Abandon: async () =>
            {
                (state.State.Definition, state.State.Status, state.State.StatusMessage, state.State.LastUpdatedAt) = previous;
                state.State.LastSlotAt = previousSlot;
                await state.WriteStateAsync();
                await ForgetProfileUseAsync(request.Definition, previous.Definition);
            });
    }

    /// <inheritdoc />
    public Task<FlowDescription> DescribeFlowAsync()
    {
        EnsureExists();
        var flow = state.State;
        return Task.FromResult(new FlowDescription(
            Name, Arn, flow.Status, flow.StatusMessage, flow.Definition!, flow.Tags, flow.CreatedAt, flow.LastUpdatedAt, LastRun(), NextScheduledRunAt()));
    }

    /// <inheritdoc />
    public Task<FlowSummary?> GetSummaryAsync()
    {
        if (!FlowName.IsValid(this.GetPrimaryKeyString()) || !Exists)
        {
            return Task.FromResult<FlowSummary?>(null);
        }

        var flow = state.State;
        var definition = flow.Definition!;
        return Task.FromResult<FlowSummary?>(new FlowSummary(
            Name, Arn, flow.Status, definition.TriggerConfig.TriggerType, definition.Source.ConnectorType,
            definition.Destinations[0].ConnectorType, flow.CreatedAt, flow.LastUpdatedAt, LastRun(), definition.Description));
    }

    /// <inheritdoc />
    public async Task DeleteFlowAsync(bool forceDelete)
    {
        var name = Name;
        EnsureExists();
        var running = History.Unfinished;
        if (running.Count > 0 && !forceDelete)
        {
            throw new FlowOperationException(
                FlowErrorCode.Conflict, $"Flow '{name}' has {running.Count} run(s) in progress; cancel them or set forceDelete.");
        }

        CancelLocalRuns(running.Keys);

        // The flow goes first: once it is gone no retry can reach its tokens, so clearing them cannot matter.
        var (history, journal) = (History, Journal);
        var life = (state.State.OldestTokenPage, state.State.OldestJournalPage, state.State.TokenJournalPageCount);
        var definition = state.State.Definition;
        await RemoveFlowAsync(name);
        await StopScheduleAsync();
        GrainsLog.FlowDeleted(logger, name);
        await ForgetProfileUseAsync(definition, after: null);
        try
        {
            await ClearLifeAsync(history, journal, life);
        }
        catch (Exception exception)
        {
            GrainsLog.DeleteCleanupFailed(logger, exception, name);
        }
    }

    private async Task RemoveFlowAsync(string name)
    {
        var createTokens = state.State.CreateTokens;
        if (createTokens.Count == 0)
        {
            await state.ClearStateAsync();
        }
        else
        {
            // Only create tokens remain, so their stored outcomes can still be swept when they expire.
            state.State = new FlowState { CreateTokens = createTokens };
            await state.WriteStateAsync();
        }

        _history = null;
        _journal = null;
        _tokenCache.Clear();
        await GrainFactory.GetGrain<IFlowIndexPartitionGrain>(FlowIndexPartitions.Of(name)).RemoveAsync(name);
    }

    private static ClientTokenScope CreateScope(string name) => new(name, "-", ClientTokenScope.Create);

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw FlowOperationException.FlowNotFound(Name);
        }
    }

    private LastRunExecutionDetails? LastRun() => History.Newest is { } newest
        ? new LastRunExecutionDetails(newest.ExecutionStatus, newest.LastUpdatedAt, newest.ExecutionResult.ErrorInfo?.ExecutionMessage)
        : null;

    private static FlowStatus InitialStatus(TriggerType triggerType) =>
        triggerType == TriggerType.OnDemand ? FlowStatus.Active : FlowStatus.Draft;
}
