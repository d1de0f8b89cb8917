using FlowGrains.Grains.Ledger;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Writes one batch of starts and completes each. Starts of one token identity go in once: the first is written,
/// the others get its result (the token it stored, or the one that stopped it), as if they had come just after.
/// </summary>
internal sealed class StartBatchWriter(LedgerDatabase database, StartBatchStatement statement)
{
    public async Task<IReadOnlyList<PendingStart>> WriteAsync(List<PendingStart> batch)
    {
        var (leaders, followers) = SplitByToken(batch);
        StartBatchStatement.StartResult[] results;
        await using (var connection = await database.OpenAsync())
        {
            results = await statement.ExecuteAsync(connection, leaders);
        }

        var again = new List<PendingStart>();
        var resultOf = new Dictionary<PendingStart, StartBatchStatement.StartResult>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < leaders.Count; i++)
        {
            resultOf[leaders[i]] = results[i];
            Complete(leaders[i], results[i], again);
        }

        foreach (var (follower, leader) in followers)
        {
            var result = resultOf[leader];
            Complete(follower, result with { Token = result.Token ?? leader.Start.Token }, again);
        }

        return again;
    }

    private static void Complete(PendingStart pending, StartBatchStatement.StartResult result, List<PendingStart> again)
    {
        if (result.Retry)
        {
            again.Add(pending);
        }
        else
        {
            pending.Completion.TrySetResult(result.Token);
        }
    }

    private static (List<PendingStart> Leaders, List<(PendingStart Follower, PendingStart Leader)> Followers) SplitByToken(List<PendingStart> batch)
    {
        var leaders = new List<PendingStart>(batch.Count);
        var followers = new List<(PendingStart, PendingStart)>();
        var leaderOf = new Dictionary<(FlowLife, string, string), PendingStart>();
        foreach (var pending in batch)
        {
            if (pending.Start.Token is not { } token)
            {
                leaders.Add(pending);
            }
            else if (leaderOf.TryGetValue((pending.Start.Life, token.Operation, token.TokenHash), out var leader))
            {
                followers.Add((pending, leader));
            }
            else
            {
                leaderOf[(pending.Start.Life, token.Operation, token.TokenHash)] = pending;
                leaders.Add(pending);
            }
        }

        return (leaders, followers);
    }
}
