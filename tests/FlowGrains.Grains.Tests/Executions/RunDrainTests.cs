using FlowGrains.Errors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Contracts.Errors;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Limits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Executions;

/// <summary>
/// A stopping silo waits up to FlowGrains:Runs:ShutdownTimeout (30 s here) for its runs, then stops the rest
/// without an outcome; from the moment it begins, no run is admitted on it.
/// </summary>
public sealed class RunDrainTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly LocalRunRegistry _runs = new();
    private readonly RunDrain _drain;

    public RunDrainTests() =>
        _drain = new RunDrain(_runs, Options.Create(new RunsOptions { ShutdownTimeout = TimeSpan.FromSeconds(30) }), _time, NullLogger<RunDrain>.Instance);

    public void Dispose() => _runs.Dispose();

    [Fact]
    public async Task Drain_NoRunUnderWay_EndsAtOnce()
    {
        var drained = _drain.DrainAsync(CancellationToken.None);

        Assert.True(await drained.WaitAsync(Patience));
        Assert.True(_runs.IsStopping);
        Assert.False(_runs.Abandoned.IsCancellationRequested);
    }

    [Fact]
    public async Task Drain_RunEndsWithinTimeout_WaitsForItAndAbandonsNothing()
    {
        _runs.Add("run-1");
        var drained = _drain.DrainAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(drained.IsCompleted);

        _runs.Remove("run-1");

        Assert.True(await drained.WaitAsync(Patience));
        Assert.False(_runs.Abandoned.IsCancellationRequested);
    }

    [Fact]
    public async Task Drain_RunOutlastsTimeout_AbandonsItAtTheTimeout()
    {
        _runs.Add("run-1");
        _runs.Abandoned.Register(() => _runs.Remove("run-1"));
        var drained = _drain.DrainAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_runs.Abandoned.IsCancellationRequested);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await drained.WaitAsync(Patience));
        Assert.True(_runs.Abandoned.IsCancellationRequested);
        Assert.Equal(0, _runs.Count);
    }

    [Fact]
    public void Admission_SiloStopping_RefusedAsServiceUnavailable()
    {
        var refusal = Assert.Throws<FlowOperationException>(() => RunAdmission.Check("orders", 0, 0, siloStopping: true, new RunsOptions()));

        Assert.Equal(FlowErrorCode.ServiceUnavailable, refusal.Code);
        Assert.Equal("The silo of flow 'orders' is stopping and starts no new runs; retry shortly.", refusal.Message);
    }
}
