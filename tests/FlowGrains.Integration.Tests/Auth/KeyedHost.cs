using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Auth;

/// <summary>One host process on the postgres profile with an Admin, an Operator and a Reader key, for the key tests of a class.</summary>
public sealed class KeyedHost : IAsyncLifetime
{
    public const string ReaderId = "AKTESTREADER000001";
    public const string ReaderSecret = "test-reader-secret-0123456789abcdef";
    public const string OperatorId = "AKTESTOPERATOR0001";
    public const string OperatorSecret = "test-operator-secret-0123456789abcdef";

    private HostCluster _cluster = null!;

    public HostProcess Host => _cluster.Hosts[0];

    public string Url => $"http://127.0.0.1:{Host.HttpPort}";

    /// <summary>The host's LocalFolder data root.</summary>
    public string DataRoot => _cluster.DataRoot;

    public async Task InitializeAsync() => _cluster = await HostCluster.StartAsync(1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>POSTs <paramref name="json"/> with the given Authorization header (none when null), outside the host's keyed client.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Envelope)> PostAsync(string path, string json, string? authorization)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>POSTs through curl's own SigV4 signer, as a user of curl would.</summary>
    public Task<(int Status, JsonObject Envelope)> CurlSignedAsync(string path, string json, string keyId, string secret) =>
        CurlSigned.PostAsync(Host, path, json, keyId, secret);
}
