using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlowGrains.Host.Auth;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Auth;

/// <summary>
/// On the postgres profile every operation needs a key whose role allows it: SigV4 (checked with curl's own
/// signer), the bearer form, and HTTP Basic for the dashboard. A refusal changes nothing.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class KeyAuthTests(KeyedHost host) : IClassFixture<KeyedHost>
{
    private static string Bearer(string id, string secret) => $"Bearer {id}:{secret}";

    private static string FlowJson(string name) => System.Text.Json.JsonSerializer.Serialize(Api.LocalFolderFlow(name, "in", "out"));

    private async Task AssertNoFlowAsync(string name)
    {
        var (_, described) = await host.PostAsync("/describe-flow", $$"""{"flowName":"{{name}}"}""", Bearer(HostProcess.AdminKeyId, HostProcess.AdminKeySecret));
        Assert.Equal("NOT_FOUND", described["error"]!["code"]!.GetValue<string>());
    }

    private static void AssertRefused(JsonObject envelope, string code, string messageStart)
    {
        Assert.False(envelope["success"]!.GetValue<bool>());
        Assert.Equal(code, envelope["error"]!["code"]!.GetValue<string>());
        Assert.StartsWith(messageStart, envelope["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CurlsSigV4Signature_WithAnAdminKey_CreatesAFlow()
    {
        var (status, envelope) = await host.CurlSignedAsync("/create-flow", FlowJson("signed-by-curl"), HostProcess.AdminKeyId, HostProcess.AdminKeySecret);

        Assert.Equal(200, status);
        Assert.Equal("Active", envelope["data"]!["flowStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASignatureMadeWithAWrongSecret_IsRefused_AndNothingIsCreated()
    {
        var (status, envelope) = await host.CurlSignedAsync("/create-flow", FlowJson("wrong-secret"), HostProcess.AdminKeyId, "not-the-secret-at-all-0000");

        Assert.Equal(401, status);
        AssertRefused(envelope, "UNAUTHENTICATED", "InvalidSignatureException: The request signature we calculated does not match");
        await AssertNoFlowAsync("wrong-secret");
    }

    [Fact]
    public async Task NoCredentials_AreRefused_OnEveryOperationAndTheEventsEndpoint()
    {
        foreach (var path in new[] { "/list-flows", "/describe-flow", "/create-flow", "/start-flow", "/describe-connector-profiles", "/create-connector-profile", "/flows/any/events" })
        {
            var (status, envelope) = await host.PostAsync(path, "{}", authorization: null);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            AssertRefused(envelope, "UNAUTHENTICATED", "MissingAuthenticationTokenException:");
        }
    }

    [Fact]
    public async Task AnUnknownKey_IsUnrecognized_AndAWrongBearerSecretInvalid()
    {
        var (unknownStatus, unknown) = await host.PostAsync("/list-flows", "{}", Bearer("AKNOBODY", "whatever-secret-000000"));
        var (wrongStatus, wrong) = await host.PostAsync("/list-flows", "{}", Bearer(HostProcess.AdminKeyId, "whatever-secret-000000"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        AssertRefused(unknown, "UNAUTHENTICATED", "UnrecognizedClientException:");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        AssertRefused(wrong, "UNAUTHENTICATED", "InvalidSignatureException: The secret does not match");
    }

    [Fact]
    public async Task AReader_Describes_ButCannotCreateOrStart()
    {
        var reader = Bearer(KeyedHost.ReaderId, KeyedHost.ReaderSecret);
        var (listStatus, _) = await host.PostAsync("/list-flows", "{}", reader);
        var (createStatus, created) = await host.PostAsync("/create-flow", FlowJson("by-reader"), reader);

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.Forbidden, createStatus);
        AssertRefused(created, "ACCESS_DENIED", $"Key '{KeyedHost.ReaderId}' has role Reader; /create-flow needs Operator.");
        await AssertNoFlowAsync("by-reader");
    }

    [Fact]
    public async Task AnOperator_CreatesAndStartsFlows_ButCannotManageConnectorProfiles()
    {
        var operatorKey = Bearer(KeyedHost.OperatorId, KeyedHost.OperatorSecret);
        var (createStatus, _) = await host.PostAsync("/create-flow", FlowJson("by-operator"), operatorKey);
        var (profileStatus, profile) = await host.PostAsync(
            "/create-connector-profile",
            """{"connectorProfileName":"p","connectorType":"Http","connectionMode":"Public","connectorProfileConfig":{"connectorProfileProperties":{"Http":{"baseUrl":"http://127.0.0.1:1"}}}}""",
            operatorKey);

        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.Equal(HttpStatusCode.Forbidden, profileStatus);
        AssertRefused(profile, "ACCESS_DENIED", $"Key '{KeyedHost.OperatorId}' has role Operator; /create-connector-profile needs Admin.");
    }

    [Fact]
    public async Task ASignedRequestWhoseBodyWasSwapped_IsRefused_AndTheSwappedBodyHasNoEffect()
    {
        var signedFor = FlowJson("signed-body");
        var authorization = SignAdmin("/create-flow", signedFor, DateTimeOffset.UtcNow, out var amzDate);

        var (status, envelope) = await SendSignedAsync("/create-flow", FlowJson("swapped-body"), authorization, amzDate);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertRefused(envelope, "UNAUTHENTICATED", "InvalidSignatureException:");
        await AssertNoFlowAsync("swapped-body");
        await AssertNoFlowAsync("signed-body");
    }

    [Fact]
    public async Task ARequestSignedMoreThan15MinutesAgo_IsRefusedAsExpired()
    {
        var body = FlowJson("stale");
        var authorization = SignAdmin("/create-flow", body, DateTimeOffset.UtcNow.AddMinutes(-16), out var amzDate);

        var (status, envelope) = await SendSignedAsync("/create-flow", body, authorization, amzDate);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertRefused(envelope, "UNAUTHENTICATED", "InvalidSignatureException: Signature expired");
        await AssertNoFlowAsync("stale");
    }

    [Fact]
    public async Task TheDashboard_NeedsAnAdminKey_WhichABrowserGivesAsHttpBasic()
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        using var anonymous = await client.GetAsync("/dashboard/");
        using var asReader = await client.SendAsync(Basic("/dashboard/", KeyedHost.ReaderId, KeyedHost.ReaderSecret));
        using var asAdmin = await client.SendAsync(Basic("/dashboard/", HostProcess.AdminKeyId, HostProcess.AdminKeySecret));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    private static HttpRequestMessage Basic(string path, string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return request;
    }

    /// <summary>Signs as an AWS client does (the signer is checked against AWS's published vectors in the host tests).</summary>
    private string SignAdmin(string path, string body, DateTimeOffset at, out string amzDate)
    {
        amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var scope = new SigV4Authorization(HostProcess.AdminKeyId, amzDate[..8], "us-east-1", "appflow", ["content-type", "host", "x-amz-date"], "");
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["host"] = $"127.0.0.1:{host.Host.HttpPort}", ["x-amz-date"] = amzDate };
        var canonical = SigV4.CanonicalRequest("POST", path, "", name => headers[name], scope.SignedHeaders, SigV4.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var signature = SigV4.Signature(HostProcess.AdminKeySecret, scope, SigV4.StringToSign(amzDate, scope, canonical));
        return $"AWS4-HMAC-SHA256 Credential={HostProcess.AdminKeyId}/{amzDate[..8]}/us-east-1/appflow/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={signature}";
    }

    private async Task<(HttpStatusCode Status, JsonObject Envelope)> SendSignedAsync(string path, string body, string authorization, string amzDate)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
