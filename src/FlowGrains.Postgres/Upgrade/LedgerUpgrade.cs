using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;
using FlowGrains.Postgres.Upgrade.Legacy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace FlowGrains.Postgres.Upgrade;

/// <summary>
/// Carries a database of the previous version over to the flow ledger: every token outcome still active and
/// every run record leave grain storage for <c>flowgrains_tokens</c> and <c>flowgrains_runs</c>, a life's runs
/// in their old order, unfinished ones with what recovery needs. It runs in the migrator's transaction, so the
/// database holds either the old rows or the carried ones; once carried, the old rows are gone and running it
/// again changes nothing. Silos of the previous version must be stopped first: one writing meanwhile would
/// write rows that no silo of this version reads.
/// </summary>
internal sealed class LedgerUpgrade(TimeProvider time)
{
    /// <summary>The schema step that made the ledger's tables; the upgrade runs once a database has it.</summary>
    public const int LedgerVersion = 6;

    /// <summary>Carries every old row on <paramref name="connection"/>, inside its open transaction.</summary>
    public async Task<LedgerUpgradeResult> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await LegacyRow.TakeAllAsync(connection, cancellationToken);
        if (rows.Count == 0)
        {
            return LedgerUpgradeResult.None;
        }

        // The stored payloads hold the contracts' records, run specs, silo addresses and the legacy shapes.
        await using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer
                .AddAssembly(typeof(SiloAddress).Assembly)
                .AddAssembly(typeof(ExecutionRecord).Assembly)
                .AddAssembly(typeof(Grains.Executions.RunSpec).Assembly)
                .AddAssembly(typeof(LedgerUpgrade).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var now = time.GetUtcNow();
        var tokens = new TokenSet(now);
        foreach (var row in rows.Where(row => row.StateName == LegacyRow.TokenState && row.Payload is not null))
        {
            tokens.Add(row, row.Key, Read<ClientTokenRecord>(serializer, row));
        }

        var runs = new List<(FlowLife Life, LedgerRun Run)>();
        foreach (var (row, life, _) in Pages(rows))
        {
            var page = Read<ExecutionPage>(serializer, row);
            foreach (var record in page.Records)
            {
                var pending = LedgerRun.IsUnfinishedStatus(record.ExecutionStatus) ? page.Pending.GetValueOrDefault(record.ExecutionId) : null;
                runs.Add((life, new LedgerRun(record, pending?.Spec, pending?.LaunchedBy.ToParsableString(), pending?.Resumes ?? 0)));

                // A start wrote its run before its token: a silo lost between the two left the outcome here only.
                if (pending?.Token is { } token)
                {
                    tokens.AddIfMissing(row, token.Key, token.Outcome);
                }
            }
        }

        var carriedRuns = await LedgerTables.InsertRunsAsync(connection, serializer, runs, cancellationToken);
        var carriedTokens = await LedgerTables.InsertTokensAsync(connection, serializer, tokens.Live, cancellationToken);
        return new LedgerUpgradeResult(carriedRuns, carriedTokens, tokens.Expired, rows.Count);
    }

    /// <summary>The run pages with a payload, each life's in page order.</summary>
    private static IEnumerable<(LegacyRow Row, FlowLife Life, int Page)> Pages(List<LegacyRow> rows) =>
        rows.Where(row => row.StateName == LegacyRow.ExecutionPageState && row.Payload is not null)
            .Select(row => LegacyKeys.TryParsePage(row.Key, out var life, out var page)
                ? (row, life, page)
                : throw row.Unreadable("its key is not {flow}/{incarnation}/{page}"))
            .OrderBy(page => page.life.FlowName, StringComparer.Ordinal)
            .ThenBy(page => page.life.Incarnation, StringComparer.Ordinal)
            .ThenBy(page => page.page);

    private static T Read<T>(Serializer serializer, LegacyRow row)
        where T : class
    {
        T? value;
        try
        {
            value = serializer.Deserialize<T>(row.Payload!);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw row.Unreadable($"its payload does not read as the previous version's {typeof(T).Name}", exception);
        }

        return value ?? throw row.Unreadable("its payload is empty");
    }

    /// <summary>The tokens to carry, one per identity, the stored row winning over a run's copy; expired ones are counted, not kept.</summary>
    private sealed class TokenSet(DateTimeOffset now)
    {
        private readonly Dictionary<(FlowLife Life, string Operation, string Hash), LedgerToken> _live = [];
        private readonly HashSet<(FlowLife Life, string Operation, string Hash)> _expired = [];

        public int Expired => _expired.Count;

        public List<(FlowLife Life, LedgerToken Token)> Live => [.. _live.Select(entry => (entry.Key.Life, entry.Value))];

        public void Add(LegacyRow row, string key, ClientTokenRecord stored) => Put(row, key, stored, replace: true);

        public void AddIfMissing(LegacyRow row, string key, ClientTokenRecord stored) => Put(row, key, stored, replace: false);

        private void Put(LegacyRow row, string key, ClientTokenRecord stored, bool replace)
        {
            if (!LegacyKeys.TryParseToken(key, out var life, out var operation, out var hash))
            {
                throw row.Unreadable($"the token key '{key}' is not {{flow}}/{{incarnation}}/{{operation}}/{{hash}}");
            }

            var identity = (life, operation, hash);
            if (!replace && (_live.ContainsKey(identity) || _expired.Contains(identity)))
            {
                return;
            }

            var token = new LedgerToken(operation, hash, stored.Fingerprint, stored.AcceptedAt, stored.Result);
            if (token.IsActiveAt(now))
            {
                _live[identity] = token;
            }
            else
            {
                _expired.Add(identity);
            }
        }
    }
}
