using System.Collections.Immutable;
using System.Net;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Executions;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Executions;

/// <summary>What recovery does with each stranded run, decided over the in-memory ledger without a cluster.</summary>
public sealed class RunRecoveryUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlowLife Life = new("flow", "life-1");
    private static readonly SiloAddress Here = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Alive = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);
    private static readonly SiloAddress Dead = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11113), 1);
    private readonly InMemoryFlowLedgerStore _store = new();
    private readonly LocalRunRegistry _localRuns = new();
    private readonly List<string> _launched = [];
    private readonly RunRecovery _recovery;

    public RunRecoveryUnitTests() => _recovery = new RunRecovery(
        Here, new Membership(), _localRuns, new RunsOptions { MaxResumes = 2 }, new FakeTimeProvider(Now), NullLogger.Instance);

    private async Task<RunLedger> RunsAsync(params LedgerRun[] runs)
    {
        foreach (var run in runs)
        {
            await _store.StartRunAsync(new RunStart(Life, run, null), Now);
        }

        var ledger = new RunLedger(_store, Life);
        await ledger.LoadAsync();
        return ledger;
    }

    private static LedgerRun Run(string id, SiloAddress launchedBy, ExecutionStatus status = ExecutionStatus.InProgress, int resumes = 0) => new(
        new ExecutionRecord(id, status, Now, Now, ExecutionResult.Empty),
        new RunSpec(Life.FlowName, Life.Incarnation, id, Infrastructure.Flows.Definition(), ImmutableSortedDictionary<string, string>.Empty),
        launchedBy.ToParsableString(),
        resumes);

    private Task<bool> ResumeAsync(RunLedger runs) => _recovery.ResumeStrandedAsync(runs, spec =>
    {
        _launched.Add(spec.ExecutionId);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task ARunOfADeadSilo_IsResumedHere_CountingTheResume()
    {
        var runs = await RunsAsync(Run("r", Dead));

        var waiting = await ResumeAsync(runs);

        Assert.False(waiting);
        Assert.Equal(["r"], _launched);
        Assert.Equal((Here.ToParsableString(), 1), (runs.Unfinished["r"].LaunchedBy, runs.Unfinished["r"].Resumes));
    }

    [Fact]
    public async Task ARunOfALiveSilo_IsLeftToIt_AndWaitedOn()
    {
        var runs = await RunsAsync(Run("r", Alive));

        var waiting = await ResumeAsync(runs);

        Assert.True(waiting);
        Assert.Empty(_launched);
    }

    [Fact]
    public async Task ARunLaunchedHere_IsResumedOnlyWhenThisSiloIsNotRunningIt()
    {
        var runs = await RunsAsync(Run("running", Here), Run("lost", Here));
        _localRuns.Add("running");

        await ResumeAsync(runs);

        Assert.Equal(["lost"], _launched);
    }

    [Fact]
    public async Task ARunResumedAsOftenAsAllowed_IsQuarantined_AsAnError()
    {
        var runs = await RunsAsync(Run("r", Dead, resumes: 2));

        await ResumeAsync(runs);
        var record = (await _store.ReadRunsAsync(Life, null, 1)).Records[0];

        Assert.Empty(_launched);
        Assert.Equal(ExecutionStatus.Error, record.ExecutionStatus);
        Assert.StartsWith("The run was quarantined: its silo stopped under it 3 times, and it was resumed 2 times", record.ExecutionResult.ErrorInfo!.ExecutionMessage);
    }

    [Fact]
    public async Task ARunBeingCancelledWhenItsSiloDied_EndsCanceled()
    {
        var runs = await RunsAsync(Run("r", Dead, ExecutionStatus.CancelStarted));

        await ResumeAsync(runs);
        var record = (await _store.ReadRunsAsync(Life, null, 1)).Records[0];

        Assert.Empty(_launched);
        Assert.Equal(ExecutionStatus.Canceled, record.ExecutionStatus);
        Assert.Equal("The run was interrupted before it reported; its outcome is unknown.", record.ExecutionResult.ErrorInfo!.ExecutionMessage);
    }

    /// <summary>A cluster where <see cref="Alive"/> and this silo are active and <see cref="Dead"/> is dead.</summary>
    private sealed class Membership : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty
                .Add(Here, new ClusterMember(Here, SiloStatus.Active, "here"))
                .Add(Alive, new ClusterMember(Alive, SiloStatus.Active, "alive"))
                .Add(Dead, new ClusterMember(Dead, SiloStatus.Dead, "dead")),
            new MembershipVersion(3));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}
