using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Grain storage that fails the operations a test picks, and passes everything else to real memory storage.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.ThrowIfChosen(StorageOperation.Read, stateName, grainId);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.ThrowIfChosen(StorageOperation.Write, stateName, grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.ThrowIfChosen(StorageOperation.Clear, stateName, grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

public enum StorageOperation
{
    Read,
    Write,
    Clear,
}

/// <summary>Which storage operations fail; a test sets <see cref="Rule"/> and clears it when done.</summary>
public sealed class StorageFaults
{
    public volatile Func<StorageOperation, string, GrainId, bool>? Rule;

    public int Injected;

    public void ThrowIfChosen(StorageOperation operation, string stateName, GrainId grainId)
    {
        if (Rule?.Invoke(operation, stateName, grainId) == true)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException($"Injected {operation} failure of {stateName} for {grainId}.");
        }
    }
}
