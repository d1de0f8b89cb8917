using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Postgres.Ledger;

/// <summary>A batch of starts as one array per column (the run's, then the token's), the shape <c>unnest</c> turns back into rows.</summary>
internal sealed class StartColumns(int count)
{
    private readonly RunArrays _runs = new(count);
    private readonly string?[] _operation = new string?[count];
    private readonly string?[] _tokenHash = new string?[count];
    private readonly string?[] _fingerprint = new string?[count];
    private readonly DateTime?[] _acceptedAt = new DateTime?[count];
    private readonly DateTime?[] _expiresAt = new DateTime?[count];
    private readonly byte[]?[] _outcome = new byte[]?[count];
    private readonly string?[] _changeId = new string?[count];
    private readonly bool?[] _settled = new bool?[count];
    private readonly DateTime[] _askedAt = new DateTime[count];

    public void Set(int i, PendingStart pending, LedgerRowCodec codec)
    {
        var token = pending.Start.Token;
        _runs.Set(i, pending.Start.Life, pending.Start.Run, codec);
        _askedAt[i] = pending.Now.UtcDateTime;
        if (token is not null)
        {
            (_operation[i], _tokenHash[i], _fingerprint[i]) = (token.Operation, token.TokenHash, token.Fingerprint);
            (_acceptedAt[i], _expiresAt[i]) = (token.AcceptedAt.UtcDateTime, token.ExpiresAt.UtcDateTime);
            (_outcome[i], _changeId[i], _settled[i]) = (codec.Outcome(token), token.ChangeId, token.Settled);
        }
    }

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        const NpgsqlDbType Array = NpgsqlDbType.Array;
        _runs.AddTo(parameters);
        parameters.AddTyped("operation", Array | NpgsqlDbType.Text, _operation);
        parameters.AddTyped("token_hash", Array | NpgsqlDbType.Text, _tokenHash);
        parameters.AddTyped("fingerprint", Array | NpgsqlDbType.Text, _fingerprint);
        parameters.AddTyped("accepted_at", Array | NpgsqlDbType.TimestampTz, _acceptedAt);
        parameters.AddTyped("expires_at", Array | NpgsqlDbType.TimestampTz, _expiresAt);
        parameters.AddTyped("outcome", Array | NpgsqlDbType.Bytea, _outcome);
        parameters.AddTyped("change_id", Array | NpgsqlDbType.Text, _changeId);
        parameters.AddTyped("settled", Array | NpgsqlDbType.Boolean, _settled);
        parameters.AddTyped("asked_at", Array | NpgsqlDbType.TimestampTz, _askedAt);
    }
}
