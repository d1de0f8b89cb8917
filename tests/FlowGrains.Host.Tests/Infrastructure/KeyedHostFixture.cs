using Microsoft.AspNetCore.Hosting;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>
/// The host of <see cref="HostFixture"/> with keys required: an Admin, an Operator and a Reader key from its
/// configuration. Its client sends no key; each call names the key it presents.
/// </summary>
public sealed class KeyedHostFixture : HostFixture
{
    public const string AdminId = "AKHOSTADMIN0000001";
    public const string OperatorId = "AKHOSTOPERATOR0001";
    public const string ReaderId = "AKHOSTREADER000001";

    /// <summary>The Authorization header that presents the key <paramref name="id"/> in the bearer form.</summary>
    public static string Bearer(string id) => $"Bearer {id}:{Secret(id)}";

    /// <summary>The configured secret of the key <paramref name="id"/>.</summary>
    public static string Secret(string id) => $"secret-of-{id}-0123456789";

    protected override IWebHostBuilder Configure(IWebHostBuilder host)
    {
        var keys = new[] { (AdminId, "Admin"), (OperatorId, "Operator"), (ReaderId, "Reader") };
        for (var i = 0; i < keys.Length; i++)
        {
            host.UseSetting($"FlowGrains:Auth:Keys:{i}:Id", keys[i].Item1)
                .UseSetting($"FlowGrains:Auth:Keys:{i}:Secret", Secret(keys[i].Item1))
                .UseSetting($"FlowGrains:Auth:Keys:{i}:Role", keys[i].Item2);
        }

        return host;
    }
}

/// <summary>
/// Hosts with keys run alone: the host fixtures give their silo ports through the process's environment, read when
/// the host starts, so two must not start at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyedHostCollection : ICollectionFixture<KeyedHostFixture>
{
    public const string Name = "KeyedHost";
}
