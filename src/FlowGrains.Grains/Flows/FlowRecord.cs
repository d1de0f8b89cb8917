using Orleans.Storage;
using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// A flow's stored state as this activation knows it. A write stores a new state and adopts it only once
/// stored, so a failed write leaves nothing to undo. Writes go one at a time (run reports interleave with
/// the schedule's ticks), each after the one before it is adopted. A write whose outcome is unknown (it
/// threw, yet may have been stored) makes the next <see cref="RefreshAsync"/> read storage back first.
/// </summary>
internal sealed class FlowRecord(IGrainStorage storage, GrainId grainId)
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private GrainState<FlowState> _stored = new(new FlowState());
    private bool _uncertain;

    /// <summary>The state as last stored (or read).</summary>
    public FlowState Current => _stored.State!;

    /// <summary>Reads the stored state.</summary>
    public async Task LoadAsync()
    {
        var read = new GrainState<FlowState>(new FlowState());
        await storage.ReadStateAsync(FlowStorageNames.FlowState, grainId, read);
        read.State ??= new FlowState();
        _stored = read;
        _uncertain = false;
    }

    /// <summary>Reads the stored state again when the last write's outcome is unknown.</summary>
    public Task RefreshAsync() => _uncertain ? LoadAsync() : Task.CompletedTask;

    /// <summary>Stores <paramref name="next"/> and adopts it.</summary>
    public Task WriteAsync(FlowState next) => UpdateAsync(_ => next);

    /// <summary>Stores and adopts what <paramref name="change"/> makes of the state as it is once earlier writes are done; nothing when it returns null.</summary>
    public async Task UpdateAsync(Func<FlowState, FlowState?> change)
    {
        await _writing.WaitAsync();
        try
        {
            if (change(Current) is not { } next)
            {
                return;
            }

            var candidate = new GrainState<FlowState>(next) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
            await StoreAsync(() => storage.WriteStateAsync(FlowStorageNames.FlowState, grainId, candidate));
            _stored = candidate;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Removes the stored state; the flow no longer exists.</summary>
    public async Task ClearAsync()
    {
        await _writing.WaitAsync();
        try
        {
            var candidate = new GrainState<FlowState>(_stored.State) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
            await StoreAsync(() => storage.ClearStateAsync(FlowStorageNames.FlowState, grainId, candidate));
            candidate.State = new FlowState();
            _stored = candidate;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task StoreAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            _uncertain = true;
            throw;
        }
    }
}
