using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Postgres.Schema;

/// <summary>
/// One versioned step of the FlowGrains schema: an embedded <c>Schema/Migrations/NNNN_name.sql</c>.
/// Applied steps are never edited; a change to the schema is a new step.
/// </summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "FlowGrains.Schema.";

    /// <summary>A hash of the step's text, stored when applied, so an edited step is noticed rather than skipped.</summary>
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Every step shipped in this assembly, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } = Load();

    private static List<SchemaMigration> Load()
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var steps = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Schema step '{resource}' is not named NNNN_name.sql.");
            }

            steps.Add(new SchemaMigration(version, fileName[(separator + 1)..], Read(assembly, resource)));
        }

        steps.Sort((left, right) => left.Version.CompareTo(right.Version));
        if (steps.Select(step => step.Version).Distinct().Count() != steps.Count)
        {
            throw new InvalidOperationException("Two schema steps share a version.");
        }

        return steps;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
