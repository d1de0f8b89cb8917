using System.Globalization;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>The transaction every source statement runs in: READ ONLY, and with a statement timeout when given one.</summary>
internal static class ReadOnlyTransaction
{
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, TimeSpan? statementTimeout, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // SET LOCAL ends with the transaction, so a pooled connection goes back to the next run without the limit.
        var sql = statementTimeout is { } timeout
            ? string.Create(CultureInfo.InvariantCulture, $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {(long)timeout.TotalMilliseconds}")
            : "SET TRANSACTION READ ONLY";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
