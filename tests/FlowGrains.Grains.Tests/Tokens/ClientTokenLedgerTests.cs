using FlowGrains.Errors;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Grains.Tokens;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowGrains.Grains.Tests.Tokens;

/// <summary>The clientToken ledger's guarded changes, on the in-memory ledger, without a cluster.</summary>
public sealed class ClientTokenLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlowLife Life = new("flow", "life-1");
    private readonly InMemoryFlowLedgerStore _store = new();
    private readonly LedgerFaults _faults = new();
    private readonly ClientTokenLedger _ledger;
    private FlowState _state = new() { Incarnation = "life-1" };
    private int _plans;
    private int _abandons;

    public ClientTokenLedgerTests() => _ledger = new ClientTokenLedger(new FaultyLedgerStore(_store, _faults), NullLogger.Instance);

    private static TokenUse Use(string? token, string fingerprint = "fp-1", bool mismatchIsError = true) =>
        new(Life, TokenOperations.Update, token, fingerprint, mismatchIsError);

    private Task<UpdateFlowResult> ChangeAsync(TokenUse use, FlowStatus result = FlowStatus.Active, bool storeFails = false) =>
        _ledger.ChangeOnceAsync(use, _state, Now, () =>
        {
            _plans++;
            return Task.FromResult(new PlannedChange<UpdateFlowResult>(
                new UpdateFlowResult(result),
                guard =>
                {
                    if (storeFails)
                    {
                        throw new IOException("the flow's state write failed");
                    }

                    _state = _state with { Status = result, LastChange = guard };
                    return Task.CompletedTask;
                },
                () =>
                {
                    _abandons++;
                    return Task.CompletedTask;
                }));
        });

    private Task<LedgerToken?> StoredAsync(string token) => _store.FindTokenAsync(Life, TokenOperations.Update, LedgerToken.Hash(token), Now);

    [Fact]
    public async Task AChangeWithoutAToken_IsStored_AndLeavesNoToken()
    {
        var result = await ChangeAsync(Use(null), FlowStatus.Suspended);

        Assert.Equal(FlowStatus.Suspended, result.FlowStatus);
        Assert.Null(_state.LastChange);
        Assert.Equal(1, _plans);
    }

    [Fact]
    public async Task AFirstUse_StoresTheChangeWithItsId_AndSettlesTheToken()
    {
        var result = await ChangeAsync(Use("t1"), FlowStatus.Draft);
        var stored = await StoredAsync("t1");

        Assert.Equal(FlowStatus.Draft, result.FlowStatus);
        Assert.NotNull(stored);
        Assert.True(stored.Settled);
        Assert.Equal(_state.LastChange!.ChangeId, stored.ChangeId);
        Assert.Equal(new UpdateFlowResult(FlowStatus.Draft), stored.Outcome);
    }

    [Fact]
    public async Task ARetry_GetsTheStoredResult_WithoutPlanningAgain()
    {
        var first = await ChangeAsync(Use("t1"), FlowStatus.Draft);

        var retry = await ChangeAsync(Use("t1"), FlowStatus.Suspended);

        Assert.Equal(first, retry);
        Assert.Equal(1, _plans);
    }

    [Fact]
    public async Task AReuseWithAnotherRequest_IsAMismatch_WhenTheOperationSaysSo()
    {
        await ChangeAsync(Use("t1", "fp-1"));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => ChangeAsync(Use("t1", "fp-2")));
        var tolerated = await ChangeAsync(Use("t1", "fp-2", mismatchIsError: false), FlowStatus.Suspended);

        Assert.Equal(FlowErrorCode.ClientTokenMismatch, error.Code);
        Assert.Equal(FlowStatus.Active, tolerated.FlowStatus);
    }

    [Fact]
    public async Task AChangeWhoseStateWriteFailed_LeavesItsTokenUnsettled_AndARetryMakesTheChange()
    {
        await Assert.ThrowsAsync<IOException>(() => ChangeAsync(Use("t1"), FlowStatus.Draft, storeFails: true));
        var afterFailure = await StoredAsync("t1");

        var retry = await ChangeAsync(Use("t1"), FlowStatus.Suspended);

        Assert.False(afterFailure!.Settled);
        Assert.Equal(FlowStatus.Suspended, retry.FlowStatus);
        Assert.Equal(2, _plans);
        Assert.Equal(0, _abandons);
        Assert.True((await StoredAsync("t1"))!.Settled);
    }

    [Fact]
    public async Task AChangeStoredButNeverSettled_IsReplayed_SinceTheFlowStateCarriesItsId()
    {
        _faults.Before = (method, _) => method == nameof(IFlowLedgerStore.SettleTokenAsync);
        var first = await ChangeAsync(Use("t1"), FlowStatus.Draft);
        _faults.Clear();
        var unsettled = await StoredAsync("t1");

        var retry = await new ClientTokenLedger(_store, NullLogger.Instance).ChangeOnceAsync<UpdateFlowResult>(
            Use("t1"), _state, Now, () => throw new InvalidOperationException("a stored change must not be planned again"));

        Assert.False(unsettled!.Settled);
        Assert.Equal(first, retry);
        Assert.True((await StoredAsync("t1"))!.Settled);
    }

    [Fact]
    public async Task AClaimThatFails_AbandonsThePlan_AndStoresNothing()
    {
        _faults.Before = (method, _) => method == nameof(IFlowLedgerStore.ClaimTokenAsync);

        await Assert.ThrowsAsync<IOException>(() => ChangeAsync(Use("t1")));

        Assert.Equal(1, _abandons);
        Assert.Null(_state.LastChange);
        Assert.Null(await StoredAsync("t1"));
    }

    [Fact]
    public async Task AClaimLostToAnotherWriter_AbandonsThePlan_AndReplaysTheWinner()
    {
        var winner = new LedgerToken(TokenOperations.Update, LedgerToken.Hash("t1"), "fp-1", Now, new UpdateFlowResult(FlowStatus.Suspended));
        _faults.Hold = (method, life) => method == nameof(IFlowLedgerStore.ClaimTokenAsync)
            ? _store.ClaimTokenAsync(life, winner, null, Now)
            : null;

        var result = await ChangeAsync(Use("t1"), FlowStatus.Draft);

        Assert.Equal(FlowStatus.Suspended, result.FlowStatus);
        Assert.Equal(1, _abandons);
        Assert.Null(_state.LastChange);
    }

    [Fact]
    public async Task ASettleThatFails_StillAnswersTheChangesResult()
    {
        _faults.Before = (method, _) => method == nameof(IFlowLedgerStore.SettleTokenAsync);

        var result = await ChangeAsync(Use("t1"), FlowStatus.Draft);

        Assert.Equal(FlowStatus.Draft, result.FlowStatus);
        Assert.Equal(FlowStatus.Draft, _state.Status);
    }
}
