using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Testing.Ledger;

/// <summary>
/// What every <see cref="IFlowLedgerStore"/> promises, run once per implementation. <paramref name="newSilo"/> gives
/// the store of another silo on the same data each time it is called (the same instance where the data is that
/// instance). Each test works on lives of its own. Retention tests use times of their own years (2001, 2002), before
/// every other test's (2030), since a purge reaches every flow.
/// </summary>
public abstract class FlowLedgerStoreContract(Func<IFlowLedgerStore> newSilo) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<IFlowLedgerStore> _silos = [];

    /// <summary>The store under test: the first silo's.</summary>
    protected IFlowLedgerStore Store { get; private set; } = null!;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        Store = NewSilo();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var silo in _silos.OfType<IAsyncDisposable>())
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartRun_StoresTheRunAndItsTokenTogether()
    {
        var life = NewLife();
        var start = Start(life, "token-a", "fingerprint-a", T0);

        var refused = await Store.StartRunAsync(start, T0);

        Assert.Null(refused);
        Assert.Equal(start.Token, await Store.FindTokenAsync(life, TokenOperations.Start, start.Token!.TokenHash, T0));
        Assert.Equal([start.Run.Record], Records(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task StartRun_WithoutAToken_StoresEveryRun()
    {
        var life = NewLife();
        var first = new RunStart(life, Run("exec-1", ExecutionStatus.InProgress, T0), null);
        var second = new RunStart(life, Run("exec-2", ExecutionStatus.InProgress, T0), null);

        Assert.Null(await Store.StartRunAsync(first, T0));
        Assert.Null(await Store.StartRunAsync(second, T0));

        Assert.Equal(["exec-2", "exec-1"], ExecutionIds(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task StartRun_WithAnActiveToken_StoresNothingAndReturnsTheFirstOutcome()
    {
        var life = NewLife();
        var first = Start(life, "token-a", "fingerprint-a", T0);
        await Store.StartRunAsync(first, T0);

        var lastMoment = T0 + LedgerToken.Lifetime - TimeSpan.FromMilliseconds(1);
        var replay = await Store.StartRunAsync(Start(life, "token-a", "fingerprint-b", lastMoment, "exec-2"), lastMoment);

        Assert.Equal(first.Token, replay);
        Assert.Equal("fingerprint-a", replay!.Fingerprint);
        Assert.Equal(first.Token!.Outcome, replay.Outcome);
        Assert.Equal([first.Run.ExecutionId], ExecutionIds(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task StartRun_WithAnExpiredToken_ReplacesItAndStoresTheRun()
    {
        var life = NewLife();
        await Store.StartRunAsync(Start(life, "token-a", "fingerprint-a", T0, "exec-1"), T0);
        var expiry = T0 + LedgerToken.Lifetime;
        var again = Start(life, "token-a", "fingerprint-b", expiry, "exec-2");

        var refused = await Store.StartRunAsync(again, expiry);

        Assert.Null(refused);
        Assert.Equal(again.Token, await Store.FindTokenAsync(life, TokenOperations.Start, again.Token!.TokenHash, expiry));
        Assert.Equal(["exec-2", "exec-1"], ExecutionIds(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task StartRun_OfOneTokenManyTimesAtOnceOnOneSilo_StoresOneRunAndAllSeeItsOutcome()
    {
        var life = NewLife();
        var starts = Enumerable.Range(0, 20).Select(i => Start(life, "token-a", $"fingerprint-{i}", T0, $"exec-{i}")).ToList();

        var results = await Task.WhenAll(starts.Select(start => Store.StartRunAsync(start, T0)));

        var stored = Assert.Single(starts.Where((_, i) => results[i] is null));
        Assert.All(results.Where(result => result is not null), result => Assert.Equal(stored.Token, result));
        Assert.Equal([stored.Run.ExecutionId], ExecutionIds(await Store.ReadRunsAsync(life, null, 100)));
    }

    [Fact]
    public async Task TwoSilos_StartingTheSameTokensAtOnce_StoreOneRunPerToken_AndBothSeeItsOutcome()
    {
        var life = NewLife();
        var other = NewSilo();
        var tokens = Enumerable.Range(0, 50).Select(i => $"token-{i}").ToList();
        var pairs = tokens.Select(token => (A: Start(life, token, "fingerprint-a", T0, $"{token}-a"), B: Start(life, token, "fingerprint-b", T0, $"{token}-b"))).ToList();

        var results = await Task.WhenAll(pairs.Select(async pair =>
        {
            var (a, b) = (Store.StartRunAsync(pair.A, T0), other.StartRunAsync(pair.B, T0));
            return (A: await a, B: await b);
        }));

        var runs = ExecutionIds(await Store.ReadRunsAsync(life, null, 1000));
        Assert.Equal(tokens.Count, runs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (winner, loserResult) = results[i].A is null ? (pairs[i].A, results[i].B) : (pairs[i].B, results[i].A);
            Assert.Equal(winner.Token, loserResult);
            Assert.Contains(winner.Run.ExecutionId, runs);
            Assert.Equal(winner.Token, await other.FindTokenAsync(life, TokenOperations.Start, winner.Token!.TokenHash, T0));
        }
    }

    [Fact]
    public async Task StartRun_WhoseWriteCommittedButThrew_ReplaysToTheStoredOutcome_WithoutASecondRun()
    {
        var life = NewLife();
        var first = Start(life, "token-a", "fingerprint-a", T0, "exec-1");
        var lost = await Assert.ThrowsAsync<TimeoutException>(() => new CommitThenThrowLedger(Store).StartRunAsync(first, T0));

        var later = T0.AddSeconds(5);
        var replay = await Store.StartRunAsync(Start(life, "token-a", "fingerprint-a", later, "exec-2"), later);

        Assert.Equal(CommitThenThrowLedger.Failure, lost.Message);
        Assert.Equal(first.Token, replay);
        Assert.Equal(["exec-1"], ExecutionIds(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task ClaimToken_WhenFree_StoresItUnsettled()
    {
        var life = NewLife();
        var token = Claim("token-a", "change-1", T0);

        Assert.Null(await Store.ClaimTokenAsync(life, token, replacing: null, T0));

        var stored = await Store.FindTokenAsync(life, TokenOperations.Update, token.TokenHash, T0);
        Assert.Equal(token, stored);
        Assert.False(stored!.Settled);
    }

    [Fact]
    public async Task ClaimToken_WhenActive_ReturnsTheStoredOneAndKeepsIt()
    {
        var life = NewLife();
        var first = Claim("token-a", "change-1", T0);
        await Store.ClaimTokenAsync(life, first, null, T0);

        var refused = await Store.ClaimTokenAsync(life, Claim("token-a", "change-2", T0.AddMinutes(1)), null, T0.AddMinutes(1));

        Assert.Equal(first, refused);
        Assert.Equal(first, await Store.FindTokenAsync(life, TokenOperations.Update, first.TokenHash, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task ClaimToken_ReplacingTheUnsettledChangeItGuards_TakesItsPlace()
    {
        var life = NewLife();
        await Store.ClaimTokenAsync(life, Claim("token-a", "change-1", T0), null, T0);
        var second = Claim("token-a", "change-2", T0.AddMinutes(1));

        Assert.Null(await Store.ClaimTokenAsync(life, second, replacing: "change-1", T0.AddMinutes(1)));

        Assert.Equal(second, await Store.FindTokenAsync(life, TokenOperations.Update, second.TokenHash, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task ClaimToken_ReplacingASettledChange_ReturnsTheStoredOne()
    {
        var life = NewLife();
        var first = Claim("token-a", "change-1", T0);
        await Store.ClaimTokenAsync(life, first, null, T0);
        await Store.SettleTokenAsync(life, TokenOperations.Update, first.TokenHash, "change-1");

        var refused = await Store.ClaimTokenAsync(life, Claim("token-a", "change-2", T0.AddMinutes(1)), replacing: "change-1", T0.AddMinutes(1));

        Assert.Equal(first with { Settled = true }, refused);
    }

    [Fact]
    public async Task ClaimToken_ReplacingAChangeItDoesNotGuard_ReturnsTheStoredOne()
    {
        var life = NewLife();
        var first = Claim("token-a", "change-1", T0);
        await Store.ClaimTokenAsync(life, first, null, T0);

        var refused = await Store.ClaimTokenAsync(life, Claim("token-a", "change-2", T0.AddMinutes(1)), replacing: "change-9", T0.AddMinutes(1));

        Assert.Equal(first, refused);
    }

    [Fact]
    public async Task ClaimToken_OverAnExpiredToken_StoresTheNewOne()
    {
        var life = NewLife();
        await Store.ClaimTokenAsync(life, Claim("token-a", "change-1", T0), null, T0);
        var expiry = T0 + LedgerToken.Lifetime;
        var second = Claim("token-a", "change-2", expiry);

        Assert.Null(await Store.ClaimTokenAsync(life, second, null, expiry));

        Assert.Equal(second, await Store.FindTokenAsync(life, TokenOperations.Update, second.TokenHash, expiry));
    }

    [Fact]
    public async Task SettleToken_OfItsChange_SettlesIt_OfAnotherChange_DoesNothing()
    {
        var life = NewLife();
        var token = Claim("token-a", "change-1", T0);
        await Store.ClaimTokenAsync(life, token, null, T0);

        await Store.SettleTokenAsync(life, TokenOperations.Update, token.TokenHash, "change-9");
        var afterOther = await Store.FindTokenAsync(life, TokenOperations.Update, token.TokenHash, T0);
        await Store.SettleTokenAsync(life, TokenOperations.Update, token.TokenHash, "change-1");
        var afterOwn = await Store.FindTokenAsync(life, TokenOperations.Update, token.TokenHash, T0);

        Assert.False(afterOther!.Settled);
        Assert.Equal(token with { Settled = true }, afterOwn);
    }

    [Fact]
    public async Task FindToken_OfAnExpiredToken_ReturnsNull()
    {
        var life = NewLife();
        var start = Start(life, "token-a", "fingerprint-a", T0);
        await Store.StartRunAsync(start, T0);

        Assert.Null(await Store.FindTokenAsync(life, TokenOperations.Start, start.Token!.TokenHash, T0 + LedgerToken.Lifetime));
    }

    [Fact]
    public async Task UpdateRun_WithTheExpectedStatus_ReplacesTheRun()
    {
        var life = NewLife();
        var start = Start(life, "token-a", "fingerprint-a", T0, "exec-1");
        await Store.StartRunAsync(start, T0);
        var ended = start.Run.Record with
        {
            ExecutionStatus = ExecutionStatus.Error,
            LastUpdatedAt = T0.AddMinutes(3),
            ExecutionResult = new ExecutionResult(12, 3400, 3300, new ErrorInfo(2, "the destination refused 2 records")),
            DataPullStartTime = T0.AddDays(-1),
            DataPullEndTime = T0,
        };

        var updated = await Store.UpdateRunAsync(life, ExecutionStatus.InProgress, new LedgerRun(ended, null, null, 1));

        Assert.True(updated);
        Assert.Equal([ended], Records(await Store.ReadRunsAsync(life, null, 10)));
        Assert.Empty(await Store.ReadUnfinishedRunsAsync(life));
    }

    [Fact]
    public async Task UpdateRun_WithAnotherStatusStored_WritesNothing()
    {
        var life = NewLife();
        var start = Start(life, "token-a", "fingerprint-a", T0, "exec-1");
        await Store.StartRunAsync(start, T0);
        var ended = start.Run with { Record = start.Run.Record with { ExecutionStatus = ExecutionStatus.Successful } };

        var updated = await Store.UpdateRunAsync(life, ExecutionStatus.CancelStarted, ended);
        var unknown = await Store.UpdateRunAsync(life, ExecutionStatus.InProgress, Run("exec-unknown", ExecutionStatus.Successful, T0));

        Assert.False(updated);
        Assert.False(unknown);
        Assert.Equal([start.Run.Record], Records(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task UpdateRun_OfManyRunsAtOnceFromManyTasks_ReplacesEachOnce()
    {
        var life = NewLife();
        var runs = await StartRunsAsync(life, 200);
        var ended = runs.Select((run, i) => Moved(run, ExecutionStatus.Successful, records: i)).ToList();

        var first = await Task.WhenAll(ended.Select(run => Task.Run(() => Store.UpdateRunAsync(life, ExecutionStatus.InProgress, run))));
        var again = await Task.WhenAll(ended.Select(run => Task.Run(() => Store.UpdateRunAsync(life, ExecutionStatus.InProgress, run))));

        Assert.All(first, Assert.True);
        Assert.All(again, Assert.False);
        Assert.Equal(ended.Select(run => run.Record).Reverse(), Records(await Store.ReadRunsAsync(life, null, 1000)));
    }

    [Fact]
    public async Task UpdateRun_OfOneRunManyTimesAtOnce_LetsOneCompareAndSetWin_AndTheOthersReturnFalse()
    {
        var life = NewLife();
        var run = (await StartRunsAsync(life, 1))[0];
        var attempts = Enumerable.Range(1, 20).Select(i => Moved(run, ExecutionStatus.Successful, records: i)).ToList();

        var results = await Task.WhenAll(attempts.Select(attempt => Task.Run(() => Store.UpdateRunAsync(life, ExecutionStatus.InProgress, attempt))));

        var winner = Assert.Single(attempts.Where((_, i) => results[i]));
        Assert.Equal([winner.Record], Records(await Store.ReadRunsAsync(life, null, 10)));
    }

    [Fact]
    public async Task UpdateRun_OfTheSameRunsByTwoSilosAtOnce_ReplacesEachRunOnce_WithTheWinnersRecord()
    {
        var life = NewLife();
        var other = NewSilo();
        var runs = await StartRunsAsync(life, 100);
        var mine = runs.Select(run => Moved(run, ExecutionStatus.Successful, records: 1)).ToList();
        var theirs = runs.Select(run => Moved(run, ExecutionStatus.Error, records: 2)).ToList();

        // The other silo asks in the reverse order: a store that locked rows in the order asked would deadlock.
        var ours = mine.Select(run => Store.UpdateRunAsync(life, ExecutionStatus.InProgress, run)).ToList();
        var others = new Task<bool>[runs.Count];
        for (var i = runs.Count - 1; i >= 0; i--)
        {
            others[i] = other.UpdateRunAsync(life, ExecutionStatus.InProgress, theirs[i]);
        }

        var (ourResults, otherResults) = (await Task.WhenAll(ours), await Task.WhenAll(others));

        var winners = runs.Select((run, i) => (ourResults[i], otherResults[i]) switch
        {
            (true, false) => mine[i].Record,
            (false, true) => theirs[i].Record,
            var both => throw new Xunit.Sdk.XunitException($"{run.ExecutionId}: the two silos' updates returned {both}; exactly one must win."),
        }).ToList();
        Assert.Equal(Enumerable.Reverse(winners), Records(await Store.ReadRunsAsync(life, null, 1000)));
    }

    [Fact]
    public async Task UpdateRun_TwiceOnOneRunAtOnce_BehavesAsOneAfterTheOther()
    {
        var life = NewLife();
        var runs = await StartRunsAsync(life, 50);

        // Each pair is queued back to back, so a store that writes together puts both in one batch.
        var pairs = runs.Select(run =>
        {
            var (cancelling, canceled) = (Moved(run, ExecutionStatus.CancelStarted, 1), Moved(run, ExecutionStatus.Canceled, 2));
            var first = Store.UpdateRunAsync(life, ExecutionStatus.InProgress, cancelling);
            var second = Store.UpdateRunAsync(life, ExecutionStatus.CancelStarted, canceled);
            return (Cancelling: cancelling, Canceled: canceled, First: first, Second: second);
        }).ToList();
        await Task.WhenAll(pairs.SelectMany(pair => new[] { pair.First, pair.Second }));

        // The first always wins (nothing else expects InProgress); the second wins exactly when it came after it.
        Assert.All(pairs, pair => Assert.True(pair.First.Result));
        var expected = pairs.Select(pair => pair.Second.Result ? pair.Canceled.Record : pair.Cancelling.Record).Reverse();
        Assert.Equal(expected, Records(await Store.ReadRunsAsync(life, null, 1000)));
        if (KeepsQueuedOrder)
        {
            Assert.All(pairs, pair => Assert.True(pair.Second.Result));
        }
    }

    [Fact]
    public async Task ReadUnfinishedRuns_ReturnsInProgressAndCancelStarted_OldestFirst_WithWhatRecoveryNeeds()
    {
        var life = NewLife();
        var spec = new RunSpec(life.FlowName, life.Incarnation, "exec-1", Definition(), ImmutableSortedDictionary<string, string>.Empty.Add("day", "monday"));
        var statuses = new[] { ExecutionStatus.InProgress, ExecutionStatus.Successful, ExecutionStatus.CancelStarted, ExecutionStatus.Error };
        for (var i = 0; i < statuses.Length; i++)
        {
            var run = new LedgerRun(Record($"exec-{i + 1}", statuses[i], T0), i == 0 ? spec : null, "silo-a", Resumes: i);
            await Store.StartRunAsync(new RunStart(life, run, null), T0);
        }

        var unfinished = await Store.ReadUnfinishedRunsAsync(life);

        Assert.Equal(["exec-1", "exec-3"], unfinished.Select(run => run.ExecutionId));
        Assert.Equal([ExecutionStatus.InProgress, ExecutionStatus.CancelStarted], unfinished.Select(run => run.Record.ExecutionStatus));
        Assert.Equal([("silo-a", 0), ("silo-a", 2)], unfinished.Select(run => (run.LaunchedBy!, run.Resumes)));
        Assert.True(unfinished[0].Sequence < unfinished[1].Sequence);
        var read = unfinished[0].Spec!;
        Assert.Equal(("exec-1", "monday", "LocalFolder", "in"), (read.ExecutionId, read.Parameters["day"], read.Definition.Source.ConnectorType, read.Definition.Source.Properties["path"]));
        Assert.Null(unfinished[1].Spec);
    }

    [Fact]
    public async Task ReadRuns_PagesNewestFirst_ToTheEnd()
    {
        var life = NewLife();
        var neighbour = life with { Incarnation = "other-life" };
        for (var i = 1; i <= 7; i++)
        {
            await Store.StartRunAsync(new RunStart(life, Run($"exec-{i}", ExecutionStatus.Successful, T0.AddMinutes(i)), null), T0);
            await Store.StartRunAsync(new RunStart(neighbour, Run($"other-{i}", ExecutionStatus.Successful, T0), null), T0);
        }

        var first = await Store.ReadRunsAsync(life, null, 3);
        var second = await Store.ReadRunsAsync(life, first.Next, 3);
        var last = await Store.ReadRunsAsync(life, second.Next, 3);

        Assert.Equal(["exec-7", "exec-6", "exec-5"], ExecutionIds(first));
        Assert.Equal(["exec-4", "exec-3", "exec-2"], ExecutionIds(second));
        Assert.Equal(["exec-1"], ExecutionIds(last));
        Assert.NotNull(second.Next);
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task ReadRuns_OfExactlyOnePage_HasNoNext()
    {
        var life = NewLife();
        for (var i = 1; i <= 3; i++)
        {
            await Store.StartRunAsync(new RunStart(life, Run($"exec-{i}", ExecutionStatus.Successful, T0), null), T0);
        }

        var page = await Store.ReadRunsAsync(life, null, 3);

        Assert.Equal(["exec-3", "exec-2", "exec-1"], ExecutionIds(page));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ForgetLife_RemovesItsRunsAndTokens_ButNotTheNamesCreateTokensNorOtherLives()
    {
        var life = NewLife();
        var nextLife = life with { Incarnation = "inc-2" };
        var start = Start(life, "token-a", "fingerprint-a", T0);
        var kept = Start(nextLife, "token-a", "fingerprint-a", T0, "exec-next");
        var create = Claim("token-c", "change-1", T0) with { Operation = TokenOperations.Create };
        await Store.StartRunAsync(start, T0);
        await Store.StartRunAsync(kept, T0);
        await Store.ClaimTokenAsync(FlowLife.ForCreates(life.FlowName), create, null, T0);

        await Store.ForgetLifeAsync(life);

        Assert.Empty((await Store.ReadRunsAsync(life, null, 10)).Records);
        Assert.Null(await Store.FindTokenAsync(life, TokenOperations.Start, start.Token!.TokenHash, T0));
        Assert.Equal(create, await Store.FindTokenAsync(FlowLife.ForCreates(life.FlowName), TokenOperations.Create, create.TokenHash, T0));
        Assert.Equal(kept.Token, await Store.FindTokenAsync(nextLife, TokenOperations.Start, kept.Token!.TokenHash, T0));
        Assert.Equal(["exec-next"], ExecutionIds(await Store.ReadRunsAsync(nextLife, null, 10)));
    }

    [Fact]
    public async Task PurgeExpiredTokens_RemovesOnlyExpiredTokensOfAnyFlow_AtMostMaxAtATime()
    {
        var t = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var expired = new[] { NewLife(), NewLife(), NewLife() };
        foreach (var life in expired)
        {
            await Store.ClaimTokenAsync(life, Claim("token-a", "change-1", t), null, t);
        }

        var activeLife = NewLife();
        var active = Claim("token-a", "change-1", t.AddHours(1));
        await Store.ClaimTokenAsync(activeLife, active, null, t.AddHours(1));
        var now = t + LedgerToken.Lifetime;

        var purged = new[] { await Store.PurgeExpiredTokensAsync(now, 2), await Store.PurgeExpiredTokensAsync(now, 10), await Store.PurgeExpiredTokensAsync(now, 10) };

        Assert.Equal([2, 1, 0], purged);
        Assert.Equal(active, await Store.FindTokenAsync(activeLife, TokenOperations.Update, active.TokenHash, now));
        Assert.Equal(0, await Store.PurgeExpiredTokensAsync(active.ExpiresAt - TimeSpan.FromMilliseconds(1), 10));
        Assert.Equal(1, await Store.PurgeExpiredTokensAsync(active.ExpiresAt, 10));
    }

    [Fact]
    public async Task PurgeRuns_RemovesOnlyFinishedRunsLastUpdatedBeforeTheCutoff_AtMostMaxAtATime()
    {
        var t = new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var cutoff = t.AddHours(1);
        var (life, otherFlow) = (NewLife(), NewLife());
        var runs = new (FlowLife Life, LedgerRun Run)[]
        {
            (life, Run("old-successful", ExecutionStatus.Successful, t)),
            (life, Run("old-error", ExecutionStatus.Error, t)),
            (otherFlow, Run("old-canceled", ExecutionStatus.Canceled, t)),
            (life, Run("old-in-progress", ExecutionStatus.InProgress, t)),
            (life, Run("old-cancel-started", ExecutionStatus.CancelStarted, t)),
            (life, Run("at-cutoff", ExecutionStatus.Successful, cutoff)),
        };
        foreach (var (owner, run) in runs)
        {
            await Store.StartRunAsync(new RunStart(owner, run, null), t);
        }

        var purged = new[] { await Store.PurgeRunsAsync(cutoff, 2), await Store.PurgeRunsAsync(cutoff, 10), await Store.PurgeRunsAsync(cutoff, 10) };

        Assert.Equal([2, 1, 0], purged);
        Assert.Equal(["at-cutoff", "old-cancel-started", "old-in-progress"], ExecutionIds(await Store.ReadRunsAsync(life, null, 10)));
        Assert.Empty((await Store.ReadRunsAsync(otherFlow, null, 10)).Records);
    }

    [Fact]
    public async Task OneHundredThousandLiveTokensOnOneFlow_StillAcceptANewToken_AndReplayAnEarlyOne()
    {
        const int Count = 100_000;
        const int InFlight = 1_000;
        var life = NewLife();
        var first = Start(life, "token-0", "fingerprint-0", T0, "exec-0");
        for (var next = 0; next < Count; next += InFlight)
        {
            var results = await Task.WhenAll(Enumerable.Range(next, InFlight).Select(i =>
                Store.StartRunAsync(i == 0 ? first : Start(life, $"token-{i}", $"fingerprint-{i}", T0, $"exec-{i}"), T0)));
            Assert.All(results, Assert.Null);
        }

        var later = T0.AddHours(1);
        var fresh = await Store.StartRunAsync(Start(life, "token-new", "fingerprint-new", later, "exec-new"), later);
        var replay = await Store.StartRunAsync(Start(life, "token-0", "fingerprint-0", later, "exec-replayed"), later);

        Assert.Null(fresh);
        Assert.Equal(first.Token, replay);
        // Batches written side by side order their runs either way, so only the newest run is certain.
        Assert.Equal("exec-new", ExecutionIds(await Store.ReadRunsAsync(life, null, 1))[0]);
    }

    /// <summary>
    /// Whether the store under test writes updates in the order they were asked for even when the caller does not
    /// await between them (the in-memory store writes each at once); a store that writes batches side by side need not.
    /// </summary>
    protected virtual bool KeepsQueuedOrder => true;

    private async Task<List<LedgerRun>> StartRunsAsync(FlowLife life, int count)
    {
        var runs = Enumerable.Range(1, count).Select(i => Run($"exec-{i:D4}", ExecutionStatus.InProgress, T0)).ToList();
        foreach (var run in runs)
        {
            Assert.Null(await Store.StartRunAsync(new RunStart(life, run, null), T0));
        }

        return runs;
    }

    private static LedgerRun Moved(LedgerRun run, ExecutionStatus status, long records) => run with
    {
        Record = run.Record with { ExecutionStatus = status, LastUpdatedAt = T0.AddMinutes(1), ExecutionResult = new ExecutionResult(records, 0, 0, null) },
    };

    private IFlowLedgerStore NewSilo()
    {
        var silo = newSilo();
        _silos.Add(silo);
        return silo;
    }

    private static FlowLife NewLife() => new($"flow-{Guid.NewGuid():N}", "inc-1");

    private static ExecutionRecord Record(string executionId, ExecutionStatus status, DateTimeOffset at) =>
        new(executionId, status, at, at, ExecutionResult.Empty);

    private static LedgerRun Run(string executionId, ExecutionStatus status, DateTimeOffset at) =>
        new(Record(executionId, status, at), null, "silo-a");

    /// <summary>A start of a run in progress with a start token whose outcome names the run.</summary>
    private static RunStart Start(FlowLife life, string clientToken, string fingerprint, DateTimeOffset at, string executionId = "exec-1")
    {
        var outcome = new StartFlowResult($"arn:flowgrains:flow/{life.FlowName}", at, life.FlowName, $"arn:flowgrains:flow/{life.FlowName}", FlowStatus.Active, executionId);
        var token = new LedgerToken(TokenOperations.Start, LedgerToken.Hash(clientToken), fingerprint, at, outcome);
        return new RunStart(life, Run(executionId, ExecutionStatus.InProgress, at), token);
    }

    /// <summary>An unsettled update token guarding <paramref name="changeId"/>.</summary>
    private static LedgerToken Claim(string clientToken, string changeId, DateTimeOffset at) =>
        new(TokenOperations.Update, LedgerToken.Hash(clientToken), $"fingerprint-{changeId}", at, new UpdateFlowResult(FlowStatus.Active), changeId, Settled: false);

    private static List<ExecutionRecord> Records(RunHistoryPage page) => [.. page.Records];

    private static List<string> ExecutionIds(RunHistoryPage page) => [.. page.Records.Select(record => record.ExecutionId)];

    private static FlowDefinition Definition()
    {
        var folder = new ConnectorConfig("LocalFolder", ImmutableSortedDictionary<string, string>.Empty.Add("path", "in"));
        return new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), folder, [folder], []);
    }
}
