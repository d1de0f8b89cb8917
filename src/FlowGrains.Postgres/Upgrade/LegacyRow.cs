using Npgsql;

namespace FlowGrains.Postgres.Upgrade;

/// <summary>
/// A row the previous version kept in grain storage for the ledger's data: a token outcome, a page of run
/// records or a page of the token journal. The key is the grain key the previous version stored it under.
/// </summary>
internal sealed record LegacyRow(string ServiceId, string StateName, string Key, byte[]? Payload)
{
    /// <summary>The state name of one token outcome.</summary>
    public const string TokenState = "token";

    /// <summary>The state name of one page of run records.</summary>
    public const string ExecutionPageState = "executions";

    /// <summary>The state name of one page of the update and activation token journal.</summary>
    public const string TokenJournalState = "tokenjournal";

    /// <summary>The state names of those rows; no other state is read or removed.</summary>
    public static readonly string[] StateNames = [TokenState, ExecutionPageState, TokenJournalState];

    /// <summary>
    /// Removes every such row and returns them, in the caller's transaction: what is read is exactly what is
    /// removed, so a row written meanwhile is neither lost nor carried twice.
    /// </summary>
    public static async Task<List<LegacyRow>> TakeAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM orleans_grain_state WHERE state_name = ANY(@states)
            RETURNING service_id, state_name, grain_id_extension, payload
            """,
            connection);
        command.Parameters.AddWithValue("states", StateNames);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LegacyRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LegacyRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3)));
        }

        return rows;
    }

    /// <summary>An error naming the row, for a row the upgrade cannot carry: nothing is changed then.</summary>
    public InvalidOperationException Unreadable(string why, Exception? inner = null) =>
        new($"Cannot carry the stored '{StateName}' entry '{Key}' of service '{ServiceId}' to the flow ledger: {why}.", inner);
}
