namespace FlowGrains.Postgres.Upgrade.Legacy;

/// <summary>
/// The previous version's stored clientToken outcome (state "token", key
/// <c>{flow}/{incarnation}/{operation}/{sha256 of the token}</c>), kept so <c>migrate</c> can read it.
/// Field ids are the stored ones and must never change; the alias differs from the shipped type's, since a
/// declared field's alias is never written and two types may not share one in a process. Reference tracking
/// (here and on every legacy type) is as the stored type had it, since it numbers the objects of a payload.
/// </summary>
[GenerateSerializer, Alias("FlowGrains.Legacy.ClientTokenRecord")]
internal sealed record ClientTokenRecord(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] DateTimeOffset AcceptedAt,
    [property: Id(2)] object Result);
