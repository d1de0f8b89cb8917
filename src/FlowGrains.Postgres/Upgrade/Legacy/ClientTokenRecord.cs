namespace FlowGrains.Postgres.Upgrade.Legacy;

/// <summary>
/// The previous version's stored clientToken outcome (state "token", key
/// <c>{flow}/{incarnation}/{operation}/{sha256 of the token}</c>), kept so <c>migrate</c> can read it.
/// Field ids are the stored ones and must never change, and sit where the stored type had them (on the constructor
/// parameter here and in <see cref="TokenExpiry"/>, on the property elsewhere): Orleans numbers a record's parameter ids
/// apart from its property ids, so moving one reads every field as empty. The alias differs from the shipped type's, since a
/// declared field's alias is never written and two types may not share one in a process. Reference tracking
/// (here and on every legacy type) is as the stored type had it, since it numbers the objects of a payload.
/// </summary>
[GenerateSerializer, Alias("FlowGrains.Legacy.ClientTokenRecord")]
internal sealed record ClientTokenRecord(
    [Id(0)] string Fingerprint,
    [Id(1)] DateTimeOffset AcceptedAt,
    [Id(2)] object Result);
