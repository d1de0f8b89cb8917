using FlowGrains.Grains.Executions;

namespace FlowGrains.Postgres.Upgrade.Legacy;

/// <summary>
/// The previous version's unfinished run: its spec, the silo that launched it, the token outcome its start
/// records (the old crash window could leave that outcome written here only) and how often it was resumed.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.Legacy.PendingRun")]
internal sealed record PendingRun(
    [property: Id(0)] RunSpec Spec,
    [property: Id(1)] SiloAddress LaunchedBy,
    [property: Id(2)] PendingToken? Token = null,
    [property: Id(3)] int Resumes = 0);

/// <summary>The previous version's storage key of a run's clientToken and the outcome that key must hold.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.Legacy.PendingToken")]
internal sealed record PendingToken([property: Id(0)] string Key, [property: Id(1)] ClientTokenRecord Outcome);
