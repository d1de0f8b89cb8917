namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Writes one batch of run updates and completes each. Updates of one run go in successive statements, in the order
/// they were queued, so the second compares against what the first stored, as if the calls had come one after another.
/// </summary>
internal sealed class UpdateBatchWriter(LedgerDatabase database, UpdateBatchStatement statement)
{
    public async Task<IReadOnlyList<PendingUpdate>> WriteAsync(List<PendingUpdate> batch)
    {
        await using var connection = await database.OpenAsync();
        foreach (var round in Rounds(batch))
        {
            var updated = await statement.ExecuteAsync(connection, round);
            for (var i = 0; i < round.Count; i++)
            {
                round[i].Completion.TrySetResult(updated[i]);
            }
        }

        return [];
    }

    /// <summary>
    /// Round k holds the k-th update of each run. Each round is in key order, the same in every batch of every silo,
    /// so two statements that update the same runs lock them in one order and never deadlock.
    /// </summary>
    internal static List<List<PendingUpdate>> Rounds(List<PendingUpdate> batch)
    {
        var rounds = new List<List<PendingUpdate>>();
        var seen = new Dictionary<(Grains.Ledger.FlowLife, string), int>();
        foreach (var pending in batch)
        {
            var round = seen.GetValueOrDefault(pending.Key);
            seen[pending.Key] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(pending);
        }

        foreach (var round in rounds)
        {
            round.Sort(static (a, b) => KeyOrder(a, b));
        }

        return rounds;
    }

    private static int KeyOrder(PendingUpdate a, PendingUpdate b)
    {
        var order = string.CompareOrdinal(a.Life.FlowName, b.Life.FlowName);
        order = order != 0 ? order : string.CompareOrdinal(a.Life.Incarnation, b.Life.Incarnation);
        return order != 0 ? order : string.CompareOrdinal(a.Run.ExecutionId, b.Run.ExecutionId);
    }
}
