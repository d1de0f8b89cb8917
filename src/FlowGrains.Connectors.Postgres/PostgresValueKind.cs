using NpgsqlTypes;

namespace FlowGrains.Connectors.Postgres;

/// <summary>The column types the connector moves in binary; every other type travels as text.</summary>
internal enum PostgresValueKind
{
    Other,
    Smallint,
    Integer,
    Bigint,
    Real,
    Double,
    Numeric,
    Boolean,
    Text,
    TimestampTz,
    Timestamp,
    Date,
    Uuid,
    Json,
    Jsonb,
    Bytea,
}

/// <summary>Maps PostgreSQL's type names to <see cref="PostgresValueKind"/>.</summary>
internal static class PostgresValueKinds
{
    /// <summary>The kind of the type whose internal name (<c>pg_type.typname</c>, e.g. <c>int4</c>) is <paramref name="typeName"/>.</summary>
    public static PostgresValueKind FromTypeName(string typeName) => typeName switch
    {
        "int2" => PostgresValueKind.Smallint,
        "int4" => PostgresValueKind.Integer,
        "int8" => PostgresValueKind.Bigint,
        "float4" => PostgresValueKind.Real,
        "float8" => PostgresValueKind.Double,
        "numeric" => PostgresValueKind.Numeric,
        "bool" => PostgresValueKind.Boolean,
        "text" or "varchar" or "bpchar" or "name" or "citext" => PostgresValueKind.Text,
        "timestamptz" => PostgresValueKind.TimestampTz,
        "timestamp" => PostgresValueKind.Timestamp,
        "date" => PostgresValueKind.Date,
        "uuid" => PostgresValueKind.Uuid,
        "json" => PostgresValueKind.Json,
        "jsonb" => PostgresValueKind.Jsonb,
        "bytea" => PostgresValueKind.Bytea,
        _ => PostgresValueKind.Other,
    };

    /// <summary>The type Npgsql reads and writes the kind's binary form as (text for <see cref="PostgresValueKind.Other"/>).</summary>
    public static NpgsqlDbType DbType(this PostgresValueKind kind) => kind switch
    {
        PostgresValueKind.Smallint => NpgsqlDbType.Smallint,
        PostgresValueKind.Integer => NpgsqlDbType.Integer,
        PostgresValueKind.Bigint => NpgsqlDbType.Bigint,
        PostgresValueKind.Real => NpgsqlDbType.Real,
        PostgresValueKind.Double => NpgsqlDbType.Double,
        PostgresValueKind.Numeric => NpgsqlDbType.Numeric,
        PostgresValueKind.Boolean => NpgsqlDbType.Boolean,
        PostgresValueKind.TimestampTz => NpgsqlDbType.TimestampTz,
        PostgresValueKind.Timestamp => NpgsqlDbType.Timestamp,
        PostgresValueKind.Date => NpgsqlDbType.Date,
        PostgresValueKind.Uuid => NpgsqlDbType.Uuid,
        PostgresValueKind.Json => NpgsqlDbType.Json,
        PostgresValueKind.Jsonb => NpgsqlDbType.Jsonb,
        PostgresValueKind.Bytea => NpgsqlDbType.Bytea,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>Whether values of the kind can be an incremental pull's datetime field.</summary>
    public static bool IsDateTime(this PostgresValueKind kind) =>
        kind is PostgresValueKind.TimestampTz or PostgresValueKind.Timestamp or PostgresValueKind.Date;
}
