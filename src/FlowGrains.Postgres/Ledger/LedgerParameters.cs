using FlowGrains.DataPlane.Transforms;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>Typed parameters: the server prepares each statement once per connection for exactly these types.</summary>
internal static class LedgerParameters
{
    public static void AddTyped<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, T value) =>
        parameters.Add(new NpgsqlParameter<T>(name, type) { TypedValue = value });

    public static void AddLife(this NpgsqlParameterCollection parameters, Grains.Ledger.FlowLife life)
    {
        parameters.AddTyped("flow_name", NpgsqlDbType.Text, life.FlowName);
        parameters.AddTyped("incarnation", NpgsqlDbType.Text, life.Incarnation);
    }
}
