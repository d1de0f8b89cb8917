using Orleans.Storage;
using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// A flow's stored state as this activation knows it. A write stores a new state and adopts it only once
/// stored, so a failed write leaves nothing to undo. A write whose outcome is unknown (it threw, yet may
/// have been stored) makes the next <see cref="RefreshAsync"/> read storage back before anything else.
/// </summary>
internal sealed class FlowRecord(IGrainStorage storage, GrainId grainId)
{
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
    public async Task WriteAsync(FlowState next)
    {
        var candidate = new GrainState<FlowState>(next) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
        await StoreAsync(() => storage.WriteStateAsync(FlowStorageNames.FlowState, grainId, candidate));
        _stored = candidate;
    }

    /// <summary>Removes the stored state; the flow no longer exists.</summary>
    public async Task ClearAsync()
    {
        var candidate = new GrainState<FlowState>(_stored.State) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
        await StoreAsync(() => storage.ClearStateAsync(FlowStorageNames.FlowState, grainId, candidate));
        candidate.State = new FlowState();
        _stored = candidate;
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
