using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>Run calls of a flow go together; a change of the flow waits for them and holds new ones.</summary>
public sealed class StartGateTests
{
    private readonly StartGate _gate = new();

    [Fact]
    public async Task RunCalls_GoTogether()
    {
        await _gate.EnterRunCallAsync();

        var second = _gate.EnterRunCallAsync();

        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AChange_WaitsForTheRunCallsInFlight()
    {
        await _gate.EnterRunCallAsync();
        await _gate.EnterRunCallAsync();

        var change = _gate.EnterChangeAsync();
        _gate.ExitRunCall();
        var afterOne = change.IsCompleted;
        _gate.ExitRunCall();
        using var entered = await change.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(afterOne);
    }

    [Fact]
    public async Task RunCallsDuringAChange_WaitUntilItEnds()
    {
        var change = await _gate.EnterChangeAsync();

        var runCall = _gate.EnterRunCallAsync();
        var duringChange = runCall.IsCompleted;
        change.Dispose();
        await runCall.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(duringChange);
    }

    [Fact]
    public async Task Changes_GoOneAtATime()
    {
        var first = await _gate.EnterChangeAsync();

        var second = _gate.EnterChangeAsync();
        var whileFirst = second.IsCompleted;
        first.Dispose();
        using var entered = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(whileFirst);
    }
}
