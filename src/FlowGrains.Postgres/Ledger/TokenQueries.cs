using FlowGrains.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>Reads one token; used by the store and by a batch whose insert met a token committed by another silo meanwhile.</summary>
internal static class TokenQueries
{
    private const string FindActive = $"""
        SELECT {LedgerRowCodec.TokenColumns} FROM flowgrains_tokens
        WHERE flow_name = @flow_name AND incarnation = @incarnation AND operation = @operation AND token_hash = @token_hash AND expires_at > @now
        """;

    /// <summary>The token while it is active at <paramref name="now"/>, as committed when this statement runs.</summary>
    public static async Task<LedgerToken?> FindActiveAsync(
        NpgsqlConnection connection, LedgerRowCodec codec, FlowLife life, string operation, string tokenHash, DateTimeOffset now)
    {
        await using var command = await LedgerDatabase.PrepareAsync(connection, FindActive, parameters =>
        {
            parameters.AddLife(life);
            parameters.AddTyped("operation", NpgsqlDbType.Text, operation);
            parameters.AddTyped("token_hash", NpgsqlDbType.Text, tokenHash);
            parameters.AddTyped("now", NpgsqlDbType.TimestampTz, now.UtcDateTime);
        });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? codec.ReadToken(reader, 0, operation, tokenHash) : null;
    }
}
