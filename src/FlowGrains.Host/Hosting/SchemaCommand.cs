using FlowGrains.Postgres.Schema;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// <c>FlowGrains.Host migrate</c>: applies the FlowGrains schema to the profile's PostgreSQL database and
/// exits. Safe to run again and from several places at once; it only adds what is missing. It also carries a
/// previous version's tokens and run records to the flow ledger, so every silo of that version must be stopped first.
/// </summary>
internal static class SchemaCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        try
        {
            builder.AddSiloProfile();
            if (ClusterProviders.Of(builder.Configuration) != ClusterProvider.Postgres)
            {
                await Console.Error.WriteLineAsync(
                    $"Profile '{builder.Configuration["profile"]}' keeps everything in memory; there is no schema to apply. Use --profile postgres.");
                return 2;
            }

            var (applied, carried) = await SchemaMigrator.MigrateAsync(
                ClusterProviders.PostgresConnectionString(builder.Configuration), TimeProvider.System);
            Console.WriteLine(applied.Count == 0
                ? $"FlowGrains schema is current (version {SchemaMigrator.LatestVersion}); nothing to apply."
                : $"Applied FlowGrains schema version(s) {string.Join(", ", applied)}; the schema is at version {SchemaMigrator.LatestVersion}.");
            if (carried.RemovedRows > 0)
            {
                Console.WriteLine(
                    $"Carried {carried.Runs} run record(s) and {carried.Tokens} active clientToken(s) to the flow ledger; " +
                    $"{carried.ExpiredTokens} expired token(s) were dropped and {carried.RemovedRows} old storage row(s) removed.");
            }

            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"Could not apply the FlowGrains schema: {exception.Message}");
            return 1;
        }
    }
}
