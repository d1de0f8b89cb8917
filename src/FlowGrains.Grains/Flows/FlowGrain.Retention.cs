namespace FlowGrains.Grains.Flows;

/// <summary>
/// Keeping run records for <c>FlowGrains:ExecutionRecordRetention</c> (90 days by default): with the
/// token sweep, the oldest pages of records whose every record is older than that are removed from storage.
/// </summary>
public sealed partial class FlowGrain
{
    private const int MaxPagesPurgedPerSweep = 8;

    /// <summary>Removes expired pages from the oldest on; true when it removed any (the caller stores the new floor).</summary>
    private async Task<bool> PurgeExpiredRecordsAsync(DateTimeOffset now)
    {
        var cutoff = now - options.Value.ExecutionRecordRetention;
        var purged = 0;

        // A page's tokens are cleared by the token sweep first, so nothing it lists outlives it.
        while (purged < MaxPagesPurgedPerSweep && state.State.FirstRetainedPage < state.State.OldestTokenPage
            && await History.RemoveIfAllBeforeAsync(state.State.FirstRetainedPage, cutoff))
        {
            state.State.FirstRetainedPage++;
            History.FirstRetainedPage = state.State.FirstRetainedPage;
            purged++;
        }

        return purged > 0;
    }
}
