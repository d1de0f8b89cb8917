using FlowGrains.Postgres.Upgrade;

namespace FlowGrains.Postgres.Schema;

/// <summary>What <see cref="SchemaMigrator.MigrateAsync"/> did: the schema versions it applied and what it carried to the flow ledger.</summary>
public sealed record SchemaMigrationResult(IReadOnlyList<int> Applied, LedgerUpgradeResult Carried);
