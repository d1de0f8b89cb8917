using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// Grain storage that fails or holds the operations a test picks, and passes everything else to real memory storage.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await faults.ApplyAsync(StorageOperation.Read, stateName, grainId);
        await inner.ReadStateAsync(stateName, grainId, grainState);
        faults.ThrowAfterIfChosen(StorageOperation.Read, stateName, grainId);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await faults.ApplyAsync(StorageOperation.Write, stateName, grainId);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        faults.ThrowAfterIfChosen(StorageOperation.Write, stateName, grainId);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await faults.ApplyAsync(StorageOperation.Clear, stateName, grainId);
        await inner.ClearStateAsync(stateName, grainId, grainState);
        faults.ThrowAfterIfChosen(StorageOperation.Clear, stateName, grainId);
    }
}

public enum StorageOperation
{
    Read,
    Write,
    Clear,
}

/// <summary>
/// Which storage operations fail (<see cref="Rule"/>; after being carried out: <see cref="AfterRule"/>) and which wait first (<see cref="Hold"/>, returning the
/// task to wait for, or null); a test sets them and clears them when done.
/// </summary>
public sealed class StorageFaults
{
    public volatile Func<StorageOperation, string, GrainId, bool>? Rule;

    public volatile Func<StorageOperation, string, GrainId, Task?>? Hold;

    /// <summary>Operations that are carried out and then fail, as a write whose acknowledgement was lost.</summary>
    public volatile Func<StorageOperation, string, GrainId, bool>? AfterRule;

    public int Injected;

    public async Task ApplyAsync(StorageOperation operation, string stateName, GrainId grainId)
    {
        if (Hold?.Invoke(operation, stateName, grainId) is { } hold)
        {
            await hold;
        }

        ThrowIfChosen(operation, stateName, grainId);
    }

    public void ThrowAfterIfChosen(StorageOperation operation, string stateName, GrainId grainId)
    {
        if (AfterRule?.Invoke(operation, stateName, grainId) == true)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException($"Injected failure after a stored {operation} of {stateName} for {grainId}.");
        }
    }

    private void ThrowIfChosen(StorageOperation operation, string stateName, GrainId grainId)
    {
        if (Rule?.Invoke(operation, stateName, grainId) == true)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException($"Injected {operation} failure of {stateName} for {grainId}.");
        }
    }
}
