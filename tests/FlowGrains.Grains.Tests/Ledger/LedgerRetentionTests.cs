using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Ledger.Retention;
using FlowGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Ledger;

/// <summary>
/// The retention job removes expired tokens and finished runs past retention of flows nobody calls, in bounded
/// batches, and survives a failing store. The ledger is written directly, as a flow would have left it.
/// </summary>
[Collection(LedgerRetentionCollection.Name)]
public sealed class LedgerRetentionTests(LedgerRetentionFixture fixture)
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private ILedgerRetentionGrain Retention => fixture.Grains.GetGrain<ILedgerRetentionGrain>(ILedgerRetentionGrain.Key);

    private RecordingLedgerStore Ledger => fixture.Recording;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private static FlowLife NewLife() => new(NewName(), Guid.NewGuid().ToString("N"));

    private Task TickAsync(TimeSpan? period = null) =>
        Retention.AsReference<IRemindable>().ReceiveReminder(LedgerRetentionGrain.ReminderName, new TickStatus(Now.UtcDateTime, period ?? OneMinute, Now.UtcDateTime));

    private async Task ClaimAsync(FlowLife life, string token, DateTimeOffset acceptedAt) =>
        Assert.Null(await Ledger.ClaimTokenAsync(life, new LedgerToken(TokenOperations.Start, token, "fingerprint", acceptedAt, "outcome"), null, Now));

    private async Task AddRunAsync(FlowLife life, string executionId, ExecutionStatus status, DateTimeOffset lastUpdatedAt)
    {
        var record = new ExecutionRecord(executionId, status, lastUpdatedAt - OneMinute, lastUpdatedAt, ExecutionResult.Empty);
        Assert.Null(await Ledger.StartRunAsync(new RunStart(life, new LedgerRun(record, null, null), null), Now));
    }

    private async Task<FlowLife> NewLifeWithOneExpiredTokenAndOnePastRunAsync()
    {
        var life = NewLife();
        await ClaimAsync(life, "expired", Now - LedgerToken.Lifetime);
        await AddRunAsync(life, "past", ExecutionStatus.Successful, Now - fixture.RunRetention - OneMinute);
        return life;
    }

    private async Task<string[]> RunIdsAsync(FlowLife life) =>
        [.. (await Ledger.ReadRunsAsync(life, null, 100)).Records.Select(record => record.ExecutionId)];

    // Rows a test leaves would expire once a later test moves the clock, and count in that test's purges.
    private Task ForgetAsync(FlowLife life) => Ledger.ForgetLifeAsync(life);

    private PurgeCall[] PurgesSince(int count) => [.. Ledger.Purges.Skip(count)];

    [Fact]
    public async Task ExpiredTokensOfAFlowNobodyCalls_AreRemoved_AndActiveOnesStay()
    {
        var life = NewLife();
        await ClaimAsync(life, "expired-a-day-ago", Now - LedgerToken.Lifetime - TimeSpan.FromDays(1));
        await ClaimAsync(life, "expiring-now", Now - LedgerToken.Lifetime);
        await ClaimAsync(life, "active-one-more-tick", Now - LedgerToken.Lifetime + TimeSpan.FromTicks(1));
        await ClaimAsync(life, "accepted-now", Now);

        var purge = await Retention.PurgeNowAsync();

        Assert.Equal(new LedgerPurge(Tokens: 2, Runs: 0, CaughtUp: true), purge);
        Assert.NotNull(await Ledger.FindTokenAsync(life, TokenOperations.Start, "active-one-more-tick", Now));
        Assert.NotNull(await Ledger.FindTokenAsync(life, TokenOperations.Start, "accepted-now", Now));
        Assert.Equal(0, await Ledger.Inner.PurgeExpiredTokensAsync(Now, int.MaxValue));
        await ForgetAsync(life);
    }

    [Fact]
    public async Task FinishedRunsPastRetention_AreRemoved_AndUnfinishedAndRecentOnesStay()
    {
        var life = NewLife();
        var cutoff = Now - fixture.RunRetention;
        await AddRunAsync(life, "successful-past", ExecutionStatus.Successful, cutoff - TimeSpan.FromTicks(1));
        await AddRunAsync(life, "error-past", ExecutionStatus.Error, cutoff - TimeSpan.FromDays(1));
        await AddRunAsync(life, "canceled-past", ExecutionStatus.Canceled, cutoff - TimeSpan.FromDays(1));
        await AddRunAsync(life, "successful-at-cutoff", ExecutionStatus.Successful, cutoff);
        await AddRunAsync(life, "successful-recent", ExecutionStatus.Successful, Now);
        await AddRunAsync(life, "in-progress-past", ExecutionStatus.InProgress, cutoff - TimeSpan.FromDays(1));
        await AddRunAsync(life, "cancel-started-past", ExecutionStatus.CancelStarted, cutoff - TimeSpan.FromDays(1));

        var purge = await Retention.PurgeNowAsync();

        Assert.Equal(new LedgerPurge(Tokens: 0, Runs: 3, CaughtUp: true), purge);
        Assert.Equal(["cancel-started-past", "in-progress-past", "successful-recent", "successful-at-cutoff"], await RunIdsAsync(life));
        await ForgetAsync(life);
    }

    [Fact]
    public async Task ATick_RemovesMoreRowsThanABatch_InBatchesOfTheConfiguredSize()
    {
        var (first, second) = (NewLife(), NewLife());
        var expiredAt = Now - LedgerToken.Lifetime;
        for (var i = 0; i < 35; i++)
        {
            await ClaimAsync(i % 2 == 0 ? first : second, $"token-{i}", expiredAt);
        }

        for (var i = 0; i < 25; i++)
        {
            await AddRunAsync(i % 2 == 0 ? first : second, $"run-{i}", ExecutionStatus.Successful, Now - fixture.RunRetention - OneMinute);
        }

        var before = Ledger.Purges.Count;
        await TickAsync();

        var (now, cutoff, batch) = (Now, Now - fixture.RunRetention, LedgerRetentionFixture.Retention.BatchSize);
        Assert.Equal(
            [
                new PurgeCall(PurgeKind.Tokens, now, batch, 10), new PurgeCall(PurgeKind.Tokens, now, batch, 10),
                new PurgeCall(PurgeKind.Tokens, now, batch, 10), new PurgeCall(PurgeKind.Tokens, now, batch, 5),
                new PurgeCall(PurgeKind.Runs, cutoff, batch, 10), new PurgeCall(PurgeKind.Runs, cutoff, batch, 10),
                new PurgeCall(PurgeKind.Runs, cutoff, batch, 5),
            ],
            PurgesSince(before));
        Assert.Empty(await RunIdsAsync(first));
        Assert.Empty(await RunIdsAsync(second));
    }

    [Fact]
    public async Task ATick_StopsAfterItsLastBatch_AndTheNextTakesTheRest()
    {
        var life = NewLife();
        for (var i = 0; i < 45; i++)
        {
            await ClaimAsync(life, $"token-{i}", Now - LedgerToken.Lifetime);
        }

        var first = await Retention.PurgeNowAsync();
        var second = await Retention.PurgeNowAsync();

        Assert.Equal(new LedgerPurge(Tokens: 40, Runs: 0, CaughtUp: false), first);
        Assert.Equal(new LedgerPurge(Tokens: 5, Runs: 0, CaughtUp: true), second);
    }

    [Fact]
    public async Task ATickWhoseStoreFails_EndsQuietly_AndTheNextTickRemovesTheRows()
    {
        var life = await NewLifeWithOneExpiredTokenAndOnePastRunAsync();
        var before = Ledger.Purges.Count;

        Ledger.FailPurges = true;
        try
        {
            await TickAsync();
        }
        finally
        {
            Ledger.FailPurges = false;
        }

        await TickAsync();

        Assert.Equal([-1, 1, 1], PurgesSince(before).Select(call => call.Removed));
        Assert.Empty(await RunIdsAsync(life));
    }

    [Fact]
    public async Task PurgeNow_WhenTheStoreFails_ThrowsTheStoresError()
    {
        Ledger.FailPurges = true;
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => Retention.PurgeNowAsync());

            Assert.Equal("Injected failure of a Tokens purge.", error.Message);
        }
        finally
        {
            Ledger.FailPurges = false;
        }
    }

    [Fact]
    public async Task TheSilo_RegistersTheReminderAtStart_AndAskingAgainKeepsItsNextTick()
    {
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var registered = await Eventually.MatchesAsync(
            () => reminders.ReadRow(Retention.GetGrainId(), LedgerRetentionGrain.ReminderName),
            row => row is not null,
            "the silo to register the retention reminder as it started");

        await Retention.EnsureStartedAsync();
        await TickAsync();
        var after = await reminders.ReadRow(Retention.GetGrainId(), LedgerRetentionGrain.ReminderName);

        Assert.Equal(new LedgerRetentionOptions().Period, registered!.Period);
        Assert.Equal(registered.ETag, after!.ETag);
    }

    [Fact]
    public async Task ATickOfAnotherPeriod_RegistersTheReminderAgainWithTheConfiguredPeriod()
    {
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        await Retention.EnsureStartedAsync();
        var registered = await reminders.ReadRow(Retention.GetGrainId(), LedgerRetentionGrain.ReminderName);

        await TickAsync(TimeSpan.FromMinutes(5));
        var after = await reminders.ReadRow(Retention.GetGrainId(), LedgerRetentionGrain.ReminderName);

        Assert.NotEqual(registered!.ETag, after!.ETag);
        Assert.Equal(OneMinute, after.Period);
    }

    [Fact]
    public async Task TheReminder_PurgesAFlowNobodyCalls_AsItsPeriodPasses()
    {
        var life = await NewLifeWithOneExpiredTokenAndOnePastRunAsync();
        var before = Ledger.Purges.Count;

        // Each look moves the clock a period on, so the tick comes however the reminder's phase lies.
        await Eventually.MatchesAsync(
            () =>
            {
                fixture.Time.Advance(OneMinute);
                return Task.FromResult(PurgesSince(before));
            },
            calls => calls.Sum(call => call.Removed) == 2,
            "the retention reminder to remove the expired token and the old run");

        Assert.Empty(await RunIdsAsync(life));
    }
}
