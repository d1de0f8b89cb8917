using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>A flow's stored state: adopted only once written, read back after a write whose outcome was lost.</summary>
public sealed class FlowRecordTests
{
    private static readonly GrainId Flow = GrainId.Create("flow", "orders");
    private readonly OneStateStorage _stored = new();
    private readonly StorageFaults _faults = new();
    private readonly FlowRecord _record;

    public FlowRecordTests() => _record = new FlowRecord(new FaultyGrainStorage(_stored, _faults), Flow);

    [Fact]
    public async Task AWrite_IsAdoptedOnceStored()
    {
        await _record.LoadAsync();

        await _record.WriteAsync(new FlowState { Incarnation = "life-1", Status = FlowStatus.Active });

        Assert.Equal(FlowStatus.Active, _record.Current.Status);
        Assert.Equal(FlowStatus.Active, _stored.State!.Status);
    }

    [Fact]
    public async Task AFailedWrite_LeavesTheStateAsItWas()
    {
        await _record.LoadAsync();
        await _record.WriteAsync(new FlowState { Incarnation = "life-1", Status = FlowStatus.Draft });
        _faults.Rule = (_, _, _) => true;

        await Assert.ThrowsAsync<IOException>(() => _record.WriteAsync(_record.Current with { Status = FlowStatus.Active }));

        Assert.Equal(FlowStatus.Draft, _record.Current.Status);
    }

    [Fact]
    public async Task AWriteStoredButReportedAsFailed_IsReadBackBeforeTheNextCallActs()
    {
        await _record.LoadAsync();
        await _record.WriteAsync(new FlowState { Incarnation = "life-1", Status = FlowStatus.Draft });
        _faults.AfterRule = (_, _, _) => true;
        await Assert.ThrowsAsync<IOException>(() => _record.WriteAsync(_record.Current with { Status = FlowStatus.Active }));
        _faults.AfterRule = null;
        var beforeRefresh = _record.Current.Status;

        await _record.RefreshAsync();
        await _record.WriteAsync(_record.Current with { StatusMessage = "later" });

        Assert.Equal(FlowStatus.Draft, beforeRefresh);
        Assert.Equal(FlowStatus.Active, _record.Current.Status);
        Assert.Equal((FlowStatus.Active, "later"), (_stored.State!.Status, _stored.State.StatusMessage));
    }

    [Fact]
    public async Task ConcurrentUpdates_GoOneAtATime_EachFromTheStateBeforeIt()
    {
        await _record.LoadAsync();
        await _record.WriteAsync(new FlowState { Incarnation = "life-1" });
        var held = new TaskCompletionSource();
        _faults.Hold = (_, _, _) => held.Task.IsCompleted ? null : held.Task;

        var first = _record.UpdateAsync(state => state with { ConsecutiveFailures = state.ConsecutiveFailures + 1 });
        var second = _record.UpdateAsync(state => state with { ConsecutiveFailures = state.ConsecutiveFailures + 1 });
        held.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(2, _record.Current.ConsecutiveFailures);
        Assert.Equal(2, _stored.State!.ConsecutiveFailures);
    }

    [Fact]
    public async Task AClear_RemovesTheFlow()
    {
        await _record.LoadAsync();
        await _record.WriteAsync(new FlowState { Incarnation = "life-1" });

        await _record.ClearAsync();

        Assert.False(_record.Current.Exists);
        Assert.Null(_stored.State);
    }

    /// <summary>Storage of one flow state with etags, as Orleans' providers check them.</summary>
    private sealed class OneStateStorage : IGrainStorage
    {
        private int _version;

        public FlowState? State { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (State is not null)
            {
                grainState.State = (T)(object)State;
                (grainState.ETag, grainState.RecordExists) = (_version.ToString(), true);
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.ETag != (State is null ? null : _version.ToString()))
            {
                throw new InconsistentStateException("stale etag");
            }

            State = (FlowState)(object)grainState.State!;
            _version++;
            (grainState.ETag, grainState.RecordExists) = (_version.ToString(), true);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            State = null;
            (grainState.ETag, grainState.RecordExists) = (null, false);
            return Task.CompletedTask;
        }
    }
}
