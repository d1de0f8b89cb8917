using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Aws;

/// <summary>
/// Connector profiles and connector types on the AWS wire: every FlowGrains profile is a CustomConnector profile whose
/// connectorLabel is the FlowGrains type; BASIC, APIKEY and CUSTOM credentials become the type's credentials.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AwsConnectorProfileTests(HostFixture fixture)
{
    private const string Secret = "aws-probe-secret-777";

    private static JsonObject Profile(string name, string label, JsonObject profileProperties, JsonObject credentials, string? clientToken = null)
    {
        var body = new JsonObject
        {
            ["connectorProfileName"] = name,
            ["connectorType"] = "CustomConnector",
            ["connectorLabel"] = label,
            ["connectionMode"] = "Public",
            ["connectorProfileConfig"] = new JsonObject
            {
                ["connectorProfileProperties"] = new JsonObject { ["CustomConnector"] = new JsonObject { ["profileProperties"] = profileProperties } },
                ["connectorProfileCredentials"] = new JsonObject { ["CustomConnector"] = credentials },
            },
        };
        if (clientToken is not null)
        {
            body["clientToken"] = clientToken;
        }

        return body;
    }

    private static JsonObject ProbeProfile(string name, string token = Secret, string? clientToken = null) => Profile(
        name,
        ProfileProbeConnector.TypeName,
        new JsonObject { ["endpoint"] = "https://example.test" },
        new JsonObject
        {
            ["authenticationType"] = "CUSTOM",
            ["custom"] = new JsonObject { ["customAuthenticationType"] = "probe-token", ["credentialsMap"] = new JsonObject { ["token"] = token } },
        },
        clientToken);

    private static JsonObject HttpProfile(string name, string credentials) =>
        Profile(name, "Http", new JsonObject { ["baseUrl"] = "https://api.example.test" }, JsonNode.Parse(credentials)!.AsObject());

    private Task<AwsResponse> CreateAsync(JsonObject profile) => fixture.Client.AwsPostAsync("/create-connector-profile", profile.ToJsonString());

    [Fact]
    public async Task Profile_IsDescribedAsCustomConnectorWithItsLabelAndProperties_NeverItsSecret()
    {
        var name = Api.NewName("awsprofile");
        var created = await CreateAsync(ProbeProfile(name));

        var described = await fixture.Client.AwsPostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal($$"""{"connectorProfileArn":"{{AwsApi.ProfileArn(name)}}"}""", created.Body.ToJsonString());
        var profile = Assert.Single(described.Body["connectorProfileDetails"]!.AsArray())!;
        Assert.Equal("CustomConnector", profile["connectorType"]!.GetValue<string>());
        Assert.Equal(ProfileProbeConnector.TypeName, profile["connectorLabel"]!.GetValue<string>());
        Assert.Equal(AwsApi.ProfileArn(name), profile["connectorProfileArn"]!.GetValue<string>());
        Assert.Equal("""{"CustomConnector":{"profileProperties":{"endpoint":"https://example.test"}}}""", profile["connectorProfileProperties"]!.ToJsonString());
        Assert.Equal(JsonValueKind.Number, profile["createdAt"]!.GetValueKind());
        Assert.DoesNotContain(Secret, described.Body.ToJsonString());
        Assert.DoesNotContain("credential", described.Body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DescribeConnectorProfiles_ByCustomConnectorAndLabel_FindsTheProfilesOfThatType()
    {
        var name = Api.NewName("awsprofile");
        await CreateAsync(ProbeProfile(name));

        var probes = await fixture.Client.AwsPostAsync("/describe-connector-profiles", new { connectorType = "CustomConnector", connectorLabel = ProfileProbeConnector.TypeName, maxResults = 100 });
        var http = await fixture.Client.AwsPostAsync("/describe-connector-profiles", new { connectorType = "CustomConnector", connectorLabel = "Http", maxResults = 100 });

        Assert.Contains(name, probes.Body["connectorProfileDetails"]!.AsArray().Select(p => p!["connectorProfileName"]!.GetValue<string>()));
        Assert.DoesNotContain(name, http.Body["connectorProfileDetails"]!.AsArray().Select(p => p!["connectorProfileName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CustomCredentialsMap_ReachesTheConnectorOnARun()
    {
        var profile = Api.NewName("awsprofile");
        var flow = Api.NewName("awsprobe");
        await CreateAsync(ProbeProfile(profile));
        var definition = AwsApi.LocalFolderFlow(flow, "unused", $"{flow}/out");
        definition["sourceFlowConfig"] = new JsonObject
        {
            ["connectorType"] = "CustomConnector",
            ["connectorProfileName"] = profile,
            ["sourceConnectorProperties"] = new JsonObject { ["CustomConnector"] = new JsonObject() },
        };
        definition["tasks"] = new JsonArray();
        var created = await fixture.Client.AwsPostAsync("/create-flow", definition.ToJsonString());

        var started = await fixture.Client.AwsPostAsync("/start-flow", new { flowName = flow });
        var executionId = started.Body["executionId"]!.GetValue<string>();
        await Eventually.MatchesAsync(
            async () => (await fixture.Client.AwsPostAsync("/describe-flow-execution-records", new { flowName = flow })).Body["flowExecutions"]!.AsArray(),
            runs => runs.Count > 0 && runs[0]!["executionStatus"]!.GetValue<string>() == "Successful",
            $"the run of {flow} to succeed");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var seen = fixture.ProfileProbe.ProfilesSeen[executionId]!;
        Assert.Equal(Secret, seen.Credentials["token"]);
        Assert.Equal(["token"], seen.Credentials.Keys);
        Assert.Equal("https://example.test", seen.Properties["endpoint"]);
    }

    [Theory]
    [InlineData("""{"authenticationType":"BASIC","basic":{"username":"ann","password":"pw-basic-1"}}""")]
    [InlineData("""{"authenticationType":"APIKEY","apiKey":{"apiKey":"key-123"}}""")]
    [InlineData("""{"authenticationType":"CUSTOM","custom":{"customAuthenticationType":"bearer","credentialsMap":{"bearerToken":"tok-1"}}}""")]
    public async Task EachSupportedAuthenticationType_GivesTheTypeItsCredentials(string credentials)
    {
        var name = Api.NewName("awshttp");

        var created = await CreateAsync(HttpProfile(name, credentials));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(AwsApi.ProfileArn(name), created.Body["connectorProfileArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task OAuth2Credentials_AreValidationException()
    {
        var refused = await CreateAsync(HttpProfile(
            Api.NewName("awshttp"), """{"authenticationType":"OAUTH2","oauth2":{"accessToken":"t"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.Equal(
            "connectorProfileConfig.connectorProfileCredentials.CustomConnector.authenticationType: 'OAUTH2' is not supported: use BASIC, APIKEY or CUSTOM.",
            refused.Message);
    }

    [Fact]
    public async Task CredentialsTheTypeRefuses_AreValidationExceptionNamingTheTypesField()
    {
        var refused = await CreateAsync(HttpProfile(
            Api.NewName("awshttp"), """{"authenticationType":"CUSTOM","custom":{"customAuthenticationType":"x","credentialsMap":{"sessionId":"s"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.StartsWith("connectorProfileConfig.connectorProfileCredentials.Http.sessionId:", refused.Message);
    }

    [Fact]
    public async Task KmsArn_IsValidationException()
    {
        var profile = ProbeProfile(Api.NewName("awsprofile"));
        profile["kmsArn"] = "arn:aws:kms:us-east-1:123456789012:key/abc";

        var refused = await CreateAsync(profile);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.StartsWith("kmsArn: is not supported", refused.Message);
    }

    [Fact]
    public async Task CreateRetriedWithItsClientToken_AnswersTheSameArn()
    {
        var name = Api.NewName("awsprofile");

        var first = await CreateAsync(ProbeProfile(name, clientToken: "aws-profile-1"));
        var retry = await CreateAsync(ProbeProfile(name, clientToken: "aws-profile-1"));

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body.ToJsonString(), retry.Body.ToJsonString());
    }

    [Fact]
    public async Task TheSameClientTokenWithOtherCredentials_IsConflictException()
    {
        var name = Api.NewName("awsprofile");
        await CreateAsync(ProbeProfile(name, clientToken: "aws-profile-2"));

        var refused = await CreateAsync(ProbeProfile(name, token: "another-secret", clientToken: "aws-profile-2"));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("ConflictException", refused.ErrorType);
        Assert.Equal("clientToken 'aws-profile-2' was already used with a different create-connector-profile request.", refused.Message);
    }

    [Fact]
    public async Task DescribeConnector_OfACustomConnectorLabel_DescribesThatType()
    {
        var described = await fixture.Client.AwsPostAsync("/describe-connector", new { connectorType = "CustomConnector", connectorLabel = ProfileProbeConnector.TypeName });

        Assert.Equal(HttpStatusCode.OK, described.Status);
        var configuration = described.Body["connectorConfiguration"]!;
        Assert.True(configuration["canUseAsSource"]!.GetValue<bool>());
        Assert.False(configuration["canUseAsDestination"]!.GetValue<bool>());
        Assert.Equal("CustomConnector", configuration["connectorType"]!.GetValue<string>());
        Assert.Equal(ProfileProbeConnector.TypeName, configuration["connectorLabel"]!.GetValue<string>());
        Assert.Equal(ProfileProbeConnector.TypeName, configuration["connectorName"]!.GetValue<string>());
        Assert.Equal("""["SOURCE"]""", configuration["connectorModes"]!.ToJsonString());
    }

    [Fact]
    public async Task DescribeConnector_OfAnUnknownLabel_IsResourceNotFoundException()
    {
        var refused = await fixture.Client.AwsPostAsync("/describe-connector", new { connectorType = "CustomConnector", connectorLabel = "Nope" });

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("ResourceNotFoundException", refused.ErrorType);
        Assert.Equal("No connector type 'Nope' is registered.", refused.Message);
    }

    [Fact]
    public async Task ListConnectors_ListsEveryType_AModelTypeAsItselfAndTheRestAsCustomConnector()
    {
        var listed = await fixture.Client.AwsPostAsync("/list-connectors", new { });

        var connectors = listed.Body["connectors"]!.AsArray().ToDictionary(c => c!["connectorName"]!.GetValue<string>(), c => c!);
        Assert.Equal("S3", connectors["S3"]["connectorType"]!.GetValue<string>());
        Assert.Null(connectors["S3"]["connectorLabel"]);
        foreach (var type in new[] { "LocalFolder", "Http", "Postgres", ProfileProbeConnector.TypeName })
        {
            Assert.Equal("CustomConnector", connectors[type]["connectorType"]!.GetValue<string>());
            Assert.Equal(type, connectors[type]["connectorLabel"]!.GetValue<string>());
        }
    }
}
