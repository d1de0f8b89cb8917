using FlowGrains.Connectors;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Errors;
using FlowGrains.Grains.Catalog;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Paging;
using FlowGrains.Grains.Scheduling;
using FlowGrains.Grains.Telemetry;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;
using Orleans.Storage;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// One flow: its lifecycle, composed of the parts that own the rest. Its definition and status are a
/// <see cref="FlowRecord"/> in grain storage; its clientTokens are the <see cref="ClientTokenLedger"/>'s;
/// its runs the <see cref="RunLedger"/>'s, resumed by <see cref="RunRecovery"/>; the schedule is in
/// <c>FlowGrain.Schedule.cs</c>. Starts and run reports interleave (<see cref="StartGate"/>), so concurrent
/// starts of one flow are written together; everything else takes its turn.
/// </summary>
[MayInterleave(nameof(IsRunCall))]
public sealed partial class FlowGrain(
    [FromKeyedServices(FlowStorageNames.Provider)] IGrainStorage storage,
    IFlowLedgerStore ledger,
    ConnectorRegistry connectors,
    FlowRunner runner,
    LocalRunRegistry localRuns,
    ConnectorProfileResolver profiles,
    FlowGrains.Connectors.Egress.IEgressPolicy egress,
    PageTokenCodec pageTokens,
    IOptions<FlowGrainsOptions> options,
    IOptions<RunsOptions> runOptions,
    IOptions<QuotasOptions> quotas,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    FlowMetrics metrics,
    ILogger<FlowGrain> logger)
    : Grain, IFlowGrain, IFlowRunReporter
{
    private readonly StartGate _gate = new();
    private readonly IFlowLedgerStore _ledger = new MeasuredLedgerStore(ledger, metrics);
    private readonly ClientTokenLedger _tokens = new(new MeasuredLedgerStore(ledger, metrics), logger);
    private readonly RunRecovery _recovery = new(silo.SiloAddress, membership, localRuns, runOptions.Value, time, logger);
    private readonly ScheduleProgress _schedule = new(time);
    private FlowRecord? _record;
    private RunLedger? _runs;
    private string? _name;

    /// <summary>Starts, events and run reports interleave with each other and with the flow's other calls; see <see cref="StartGate"/>.</summary>
    public static bool IsRunCall(IInvokable request) =>
        request.GetMethodName() is nameof(StartFlowAsync) or nameof(SendEventAsync) or nameof(ReportRunEndedAsync) or nameof(ReportRunProgressAsync);

    private string Name => _name ??= FlowName.ToGrainKey(this.GetPrimaryKeyString());

    private FlowState State => _record!.Current;

    private bool Exists => State.Exists;

    private string Arn => FlowArn.For(options.Value, Name);

    private FlowLife Life => new(Name, State.Incarnation!);

    /// <summary>The runs of the flow's current life; only while it exists.</summary>
    private RunLedger Runs => _runs!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = new FlowRecord(storage, this.GetGrainId());
        if (FlowName.IsValid(this.GetPrimaryKeyString()))
        {
            await _record.LoadAsync();
            await AdoptLifeAsync();
        }
    }

    /// <summary>Loads the runs of the life the record now holds (none when the flow does not exist).</summary>
    private async Task AdoptLifeAsync()
    {
        if (!Exists)
        {
            _runs = null;
            return;
        }

        if (_runs?.Life != Life)
        {
            _runs = new RunLedger(_ledger, Life);
            await _runs.LoadAsync();
            await ResumeStrandedRunsAsync();
        }
    }

    /// <summary>Before a call acts: storage is read back when the last write's outcome was unknown.</summary>
    private async Task RefreshAsync()
    {
        await _record!.RefreshAsync();
        await AdoptLifeAsync();
    }

    /// <inheritdoc />
    public async Task<CreateFlowResult> CreateFlowAsync(CreateFlowRequest request)
    {
        var name = Name;
        RequestRules.ClientToken(request.ClientToken);
        FlowDefinitionValidator.Validate(request.Definition, connectors, quotas.Value);
        TagRules.Validate(request.Tags);
        using var change = await _gate.EnterChangeAsync();
        await RefreshAsync();
        var use = new TokenUse(
            FlowLife.ForCreates(name), TokenOperations.Create, request.ClientToken, RequestFingerprint.Of(request with { ClientToken = null }), MismatchIsError: true);
        var now = time.GetUtcNow();
        try
        {
            return await _tokens.ChangeOnceAsync(use, State, now, () => PlanCreateAsync(name, request, now));
        }
        finally
        {
            _definitionsInProgress.Clear();
        }
    }

    private async Task<PlannedChange<CreateFlowResult>> PlanCreateAsync(string name, CreateFlowRequest request, DateTimeOffset now)
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

        var created = new FlowState
        {
            Incarnation = Guid.CreateVersion7(now).ToString("N"),
            Definition = request.Definition,
            Tags = request.Tags,
            Status = InitialStatus(request.Definition.TriggerConfig.TriggerType),
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        return new PlannedChange<CreateFlowResult>(
            new CreateFlowResult(Arn, created.Status),
            async guard =>
            {
                await _record!.WriteAsync(created with { LastChange = guard });
                await AdoptLifeAsync();
                GrainsLog.FlowCreated(logger, name, request.Definition.TriggerConfig.TriggerType.ToString());
            },
            async () =>
            {
                await index.RemoveAsync(name);
                await ForgetProfileUseAsync(request.Definition, after: null);
            });
    }

    /// <inheritdoc />
    public async Task<UpdateFlowResult> UpdateFlowAsync(UpdateFlowRequest request)
    {
        RequestRules.ClientToken(request.ClientToken);
        FlowDefinitionValidator.Validate(request.Definition, connectors, quotas.Value);
        using var change = await _gate.EnterChangeAsync();
        await RefreshAsync();
        EnsureExists();
        var use = new TokenUse(Life, TokenOperations.Update, request.ClientToken, RequestFingerprint.Of(request with { ClientToken = null }), MismatchIsError: true);
        var now = time.GetUtcNow();
        try
        {
            return await _tokens.ChangeOnceAsync(use, State, now, () => PlanUpdateAsync(request, now));
        }
        finally
        {
            _definitionsInProgress.Clear();
        }
    }

    private async Task<PlannedChange<UpdateFlowResult>> PlanUpdateAsync(UpdateFlowRequest request, DateTimeOffset now)
    {
        await RecordAndCheckConnectionsAsync(request.Definition);
        var before = State;
        var updated = before with { Definition = request.Definition, LastUpdatedAt = now };
        var newType = request.Definition.TriggerConfig.TriggerType;
        if (newType != before.Definition!.TriggerConfig.TriggerType)
        {
            updated = updated with { Status = InitialStatus(newType), StatusMessage = null };
        }

        updated = _schedule.Update(before, updated, now);
        return new PlannedChange<UpdateFlowResult>(
            new UpdateFlowResult(updated.Status),
            async guard =>
            {
                await _record!.WriteAsync(updated with { LastChange = guard ?? before.LastChange });
                await FollowScheduleAsync();
                await ForgetProfileUseAsync(before.Definition, request.Definition);
            },
            () => ForgetProfileUseAsync(request.Definition, before.Definition));
    }

    /// <inheritdoc />
    public Task<FlowDescription> DescribeFlowAsync()
    {
        EnsureExists();
        var flow = State;
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

        var flow = State;
        var definition = flow.Definition!;
        return Task.FromResult<FlowSummary?>(new FlowSummary(
            Name, Arn, flow.Status, definition.TriggerConfig.TriggerType, definition.Source.ConnectorType,
            definition.Destinations[0].ConnectorType, flow.CreatedAt, flow.LastUpdatedAt, LastRun(), definition.Description));
    }

    /// <inheritdoc />
    public async Task DeleteFlowAsync(bool forceDelete)
    {
        var name = Name;
        using var change = await _gate.EnterChangeAsync();
        await RefreshAsync();
        EnsureExists();
        var running = Runs.Unfinished;
        if (running.Count > 0 && !forceDelete)
        {
            throw new FlowOperationException(
                FlowErrorCode.Conflict, $"Flow '{name}' has {running.Count} run(s) in progress; cancel them or set forceDelete.");
        }

        CancelLocalRuns(running.Keys);

        // The last change's token must read as stored before the state that proves it goes: a create token outlives the flow.
        await _tokens.SettleLastChangeAsync(name, State);
        var (life, definition) = (Life, State.Definition);

        // The flow goes first: once it is gone no retry can reach its tokens, so clearing them cannot matter.
        await _record!.ClearAsync();
        _runs = null;
        await GrainFactory.GetGrain<IFlowIndexPartitionGrain>(FlowIndexPartitions.Of(name)).RemoveAsync(name);
        await StopScheduleAsync();
        GrainsLog.FlowDeleted(logger, name);
        await ForgetProfileUseAsync(definition, after: null);
        try
        {
            await _ledger.ForgetLifeAsync(life);
        }
        catch (Exception exception)
        {
            // What is left belongs to a life nobody can reach; the retention job removes it as it expires.
            GrainsLog.DeleteCleanupFailed(logger, exception, name);
        }
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw FlowOperationException.FlowNotFound(Name);
        }
    }

    private LastRunExecutionDetails? LastRun() => _runs?.Newest is { } newest
        ? new LastRunExecutionDetails(newest.ExecutionStatus, newest.LastUpdatedAt, newest.ExecutionResult.ErrorInfo?.ExecutionMessage)
        : null;

    private static FlowStatus InitialStatus(TriggerType triggerType) =>
        triggerType == TriggerType.OnDemand ? FlowStatus.Active : FlowStatus.Draft;
}
