using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace FlowGrains.Integration.Tests.Auth;

/// <summary>
/// Keys managed on a running cluster of two hosts: an Admin creates one on a host and it works on the other;
/// listing never shows a secret and storage holds it sealed; a revoked key is refused on the other host
/// within 5 seconds.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class AccessKeyLifecycleTests
{
    [Fact]
    public async Task AKeyCreatedOnOneHost_WorksOnTheOther_ListsWithoutItsSecret_AndIsRefusedWithin5SecondsOfItsRevocation()
    {
        await using var cluster = await HostCluster.StartAsync(2);
        var (first, second) = (cluster.Hosts[0], cluster.Hosts[1]);

        var (createStatus, created) = await first.Client.PostAsync("/create-access-key", """{"role":"Operator"}""");
        var id = created.Data()["accessKeyId"]!.GetValue<string>();
        var secret = created.Data()["secretAccessKey"]!.GetValue<string>();
        var (usedStatus, _) = await CurlSigned.PostAsync(second, "/list-flows", "{}", id, secret);
        var (listStatus, listed) = await first.Client.PostAsync("/list-access-keys", "{}");
        var storedRows = await StoredBytesAsync(cluster.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.Equal("Operator", created.Data()["role"]!.GetValue<string>());
        Assert.Equal(200, usedStatus);
        Assert.Equal(HttpStatusCode.OK, listStatus);
        var entry = listed.Data()["accessKeys"]!.AsArray().Single(k => k!["accessKeyId"]!.GetValue<string>() == id)!;
        Assert.Equal("cluster", entry["source"]!.GetValue<string>());
        Assert.DoesNotContain(secret, listed.ToJsonString());
        Assert.Contains(storedRows, row => row.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(storedRows, row => row.Contains(secret, StringComparison.Ordinal));

        var (revokeStatus, _) = await first.Client.PostAsync("/revoke-access-key", $$"""{"accessKeyId":"{{id}}"}""");
        var clock = Stopwatch.StartNew();
        var refused = await Eventually.MatchesAsync(() => CurlSigned.PostAsync(second, "/list-flows", "{}", id, secret), r => r.Status == 401, "the revoked key to be refused on the other host", 10_000);

        Assert.Equal(HttpStatusCode.OK, revokeStatus);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.StartsWith("UnrecognizedClientException:", refused.Envelope["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyAnAdmin_ManagesKeys_AndARoleThatIsNoRoleIsRefused()
    {
        await using var cluster = await HostCluster.StartAsync(1);
        var host = cluster.Hosts[0];
        using var asOperator = new HttpClient { BaseAddress = host.Client.BaseAddress };
        asOperator.DefaultRequestHeaders.Authorization = new("Bearer", $"{KeyedHost.OperatorId}:{KeyedHost.OperatorSecret}");

        var (operatorStatus, byOperator) = await asOperator.PostAsync("/create-access-key", """{"role":"Admin"}""");
        var (badRoleStatus, badRole) = await host.Client.PostAsync("/create-access-key", """{"role":"Root"}""");
        var (configuredStatus, configured) = await host.Client.PostAsync("/revoke-access-key", $$"""{"accessKeyId":"{{HostProcess.AdminKeyId}}"}""");
        var (unknownStatus, unknown) = await host.Client.PostAsync("/revoke-access-key", """{"accessKeyId":"AKFGNOSUCHKEY"}""");

        Assert.Equal(HttpStatusCode.Forbidden, operatorStatus);
        Assert.Equal("ACCESS_DENIED", byOperator.Code());
        Assert.Equal(HttpStatusCode.BadRequest, badRoleStatus);
        Assert.Equal("role: must be Reader, Operator or Admin.", badRole.Message());
        Assert.Equal(HttpStatusCode.BadRequest, configuredStatus);
        Assert.StartsWith("accessKeyId: names a key set in configuration", configured.Message());
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal("NOT_FOUND", unknown.Code());
    }

    /// <summary>Every stored grain-state row, as text, to show that no secret is kept in the clear.</summary>
    private static async Task<List<string>> StoredBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_grain_state WHERE payload IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(System.Text.Encoding.Latin1.GetString((byte[])reader[0]));
        }

        return rows;
    }
}
