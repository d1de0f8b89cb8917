using FlowGrains.Errors;
using Orleans.Storage;

namespace FlowGrains.Grains.Availability;

/// <summary>
/// Wraps the flows storage so a transient outage of the store surfaces as
/// <see cref="FlowErrorCode.ServiceUnavailable"/>. The providers' own exceptions (Npgsql's, say) cannot be
/// serialised to a caller on another silo, and a failure while a grain activates never passes the call
/// filter, so without this such outages reach callers as unexplained errors.
/// </summary>
public sealed class UnavailableStoreStorage(IGrainStorage inner) : IGrainStorage
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unavailability.GuardAsync(inner.ReadStateAsync(stateName, grainId, grainState));

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unavailability.GuardAsync(inner.WriteStateAsync(stateName, grainId, grainState));

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unavailability.GuardAsync(inner.ClearStateAsync(stateName, grainId, grainState));
}
