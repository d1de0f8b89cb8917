using System.Reflection;
using System.Xml.Linq;
using FlowGrains.Connectors;
using FlowGrains.PluginConnector.Sample;

namespace FlowGrains.PluginConnector.Tests;

/// <summary>The connector API stays free of Orleans and of the grains, so a plug-in needs it alone.</summary>
public sealed class ConnectorApiReferenceTests
{
    // Every assembly reachable from root through references, by name; ones the runtime cannot load are still named.
    private static SortedSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                {
                    pending.Push(reference);
                }
            }
            catch (FileNotFoundException)
            {
            }
        }

        return seen;
    }

    private static string[] OrleansIn(SortedSet<string> assemblies) =>
        [.. assemblies.Where(name => name.StartsWith("Orleans", StringComparison.Ordinal) || name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))];

    [Fact]
    public void ConnectorApi_ReachesNoOrleansAssembly()
    {
        Assert.Empty(OrleansIn(ReferenceClosure(typeof(IFlowConnector).Assembly)));
    }

    [Fact]
    public void OrleansCheck_FindsOrleansBehindTheContracts()
    {
        // The same check on an assembly that does use Orleans: it must be able to fail.
        Assert.Contains("Orleans.Serialization", OrleansIn(ReferenceClosure(typeof(Contracts.IFlowGrain).Assembly)));
    }

    [Fact]
    public void SamplePlugin_ReachesNoFlowGrainsAssemblyButTheConnectorApi()
    {
        var flowGrains = ReferenceClosure(typeof(SampleTableConnector).Assembly).Where(name => name.StartsWith("FlowGrains", StringComparison.Ordinal));

        Assert.Equal(["FlowGrains.Connectors.Abstractions", "FlowGrains.Errors"], flowGrains);
    }

    [Fact]
    public void SamplePlugin_ProjectReferencesTheConnectorApiAlone()
    {
        var project = Path.Combine(RepositoryRoot(), "tests", "FlowGrains.PluginConnector.Sample", "FlowGrains.PluginConnector.Sample.csproj");

        var references = XDocument.Load(project).Descendants()
            .Where(element => element.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(element => Path.GetFileName(element.Attribute("Include")!.Value.Replace('\\', '/')));

        Assert.Equal(["FlowGrains.Connectors.Abstractions.csproj"], references);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FlowGrains.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No FlowGrains.sln above {AppContext.BaseDirectory}.");
    }
}
