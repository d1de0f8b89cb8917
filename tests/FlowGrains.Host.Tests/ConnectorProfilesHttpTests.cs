using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>create/describe/update/delete-connector-profile and describe-connectors at AppFlow's paths; credentials never come back out.</summary>
[Collection(HostCollection.Name)]
public sealed class ConnectorProfilesHttpTests(HostFixture fixture)
{
    private const string Secret = "tok-very-secret-123";

    private static object Profile(string name, string endpoint = "https://example.test", string token = Secret, string connectionMode = "Public") => new
    {
        connectorProfileName = name,
        connectorType = ProfileProbeConnector.TypeName,
        connectionMode,
        connectorProfileConfig = new
        {
            connectorProfileProperties = new { ProfileProbe = new { endpoint, options = new { retries = 3, tags = new[] { "a", "b" } } } },
            connectorProfileCredentials = new { ProfileProbe = new { token } },
        },
    };

    private static object ProbeFlow(string name, string profile) => new
    {
        flowName = name,
        triggerConfig = new { triggerType = "OnDemand" },
        sourceFlowConfig = new { connectorType = ProfileProbeConnector.TypeName, connectorProfileName = profile, sourceConnectorProperties = new { ProfileProbe = new { } } },
        destinationFlowConfigList = new[]
        {
            new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = $"{name}/out", fileType = "JSON" } } },
        },
        tasks = Array.Empty<object>(),
    };

    [Fact]
    public async Task CreatedProfile_IsDescribedWithItsNestedProperties_AndWithoutCredentials()
    {
        var name = Api.NewName("profile");

        var (status, created) = await fixture.Client.PostAsync("/create-connector-profile", Profile(name));
        var (_, described) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"arn:aws:appflow:local:000000000000:connectorprofile/{name}", created.Data()["connectorProfileArn"]!.GetValue<string>());
        var profile = Assert.Single(described.Data()["connectorProfileDetails"]!.AsArray())!;
        Assert.Equal(name, profile["connectorProfileName"]!.GetValue<string>());
        Assert.Equal("ProfileProbe", profile["connectorType"]!.GetValue<string>());
        Assert.Equal("Public", profile["connectionMode"]!.GetValue<string>());
        Assert.Equal(
            """{"ProfileProbe":{"endpoint":"https://example.test","options":{"retries":"3","tags":["a","b"]}}}""",
            profile["connectorProfileProperties"]!.ToJsonString());
        Assert.Equal("2026-03-01T12:00:00.000Z", profile["createdAt"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, described.ToJsonString());
        Assert.DoesNotContain("credential", described.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Credentials_AreNeverLogged()
    {
        var name = Api.NewName("profile");
        const string secret = "never-log-this-4711";

        await fixture.Client.PostAsync("/create-connector-profile", Profile(name, token: secret));
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name, token: secret));
        await fixture.Client.PostAsync("/update-connector-profile", new
        {
            connectorProfileName = name,
            connectionMode = "Private",
            connectorProfileConfig = new { connectorProfileCredentials = new { ProfileProbe = new { token = secret } } },
        });

        Assert.DoesNotContain(secret, fixture.Logs.All);
    }

    [Fact]
    public async Task SecondCreate_IsConflict()
    {
        var name = Api.NewName("profile");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));

        var (status, envelope) = await fixture.Client.PostAsync("/create-connector-profile", Profile(name));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Connector profile '{name}' already exists.", envelope.Message());
    }

    [Fact]
    public async Task Update_ReplacesPropertiesAndMode_AndARunUsesTheNewCredentials()
    {
        var name = Api.NewName("profile");
        var flow = Api.NewName("probe");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));

        var (status, _) = await fixture.Client.PostAsync("/update-connector-profile", new
        {
            connectorProfileName = name,
            connectionMode = "Private",
            connectorProfileConfig = new
            {
                connectorProfileProperties = new { ProfileProbe = new { endpoint = "https://other.test" } },
                connectorProfileCredentials = new { ProfileProbe = new { token = "new-token" } },
            },
        });
        var (_, described) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });
        await fixture.Client.PostAsync("/create-flow", ProbeFlow(flow, name));
        var (_, started) = await fixture.Client.PostAsync("/start-flow", new { flowName = flow });
        var executionId = started.Data()["executionId"]!.GetValue<string>();
        await Eventually.MatchesAsync(
            async () => (await fixture.Client.PostAsync("/describe-flow-execution-records", new { flowName = flow })).Envelope.Data()["flowExecutions"]!.AsArray(),
            runs => runs.Count > 0 && runs[0]!["executionStatus"]!.GetValue<string>() == "Successful",
            $"the run of {flow} to succeed");

        Assert.Equal(HttpStatusCode.OK, status);
        var profile = described.Data()["connectorProfileDetails"]![0]!;
        Assert.Equal("Private", profile["connectionMode"]!.GetValue<string>());
        Assert.Equal("""{"ProfileProbe":{"endpoint":"https://other.test"}}""", profile["connectorProfileProperties"]!.ToJsonString());
        var seen = fixture.ProfileProbe.ProfilesSeen[executionId]!;
        Assert.Equal("new-token", seen.Credentials["token"]);
        Assert.Equal("https://other.test", seen.Properties["endpoint"]);
    }

    [Fact]
    public async Task Delete_RemovesTheProfile_AndAFlowNamingItIsThenRefused()
    {
        var name = Api.NewName("profile");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));

        var (status, deleted) = await fixture.Client.PostAsync("/delete-connector-profile", new { connectorProfileName = name });
        var (_, described) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });
        var (againStatus, again) = await fixture.Client.PostAsync("/delete-connector-profile", new { connectorProfileName = name });
        var (flowStatus, flow) = await fixture.Client.PostAsync("/create-flow", ProbeFlow(Api.NewName("probe"), name));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", deleted.Data().ToJsonString());
        Assert.Empty(described.Data()["connectorProfileDetails"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, againStatus);
        Assert.Equal($"Connector profile '{name}' does not exist.", again.Message());
        Assert.Equal(HttpStatusCode.BadRequest, flowStatus);
        Assert.Equal($"sourceFlowConfig.connectorProfileName: connector profile '{name}' does not exist.", flow.Message());
    }

    [Fact]
    public async Task Delete_OfAProfileAFlowNames_IsConflict_UntilForceDeleteIsSet()
    {
        var name = Api.NewName("profile");
        var flow = Api.NewName("probe");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));
        await fixture.Client.PostAsync("/create-flow", ProbeFlow(flow, name));

        var (status, refused) = await fixture.Client.PostAsync("/delete-connector-profile", new { connectorProfileName = name, forceDelete = false });
        var (forcedStatus, _) = await fixture.Client.PostAsync("/delete-connector-profile", new { connectorProfileName = name, forceDelete = true });
        var (_, described) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CONFLICT", refused.Code());
        Assert.Equal($"Connector profile '{name}' is used by flow '{flow}'; update or delete those flows first, or set forceDelete.", refused.Message());
        Assert.Equal(HttpStatusCode.OK, forcedStatus);
        Assert.Empty(described.Data()["connectorProfileDetails"]!.AsArray());
    }

    [Fact]
    public async Task Delete_WithAForceDeleteThatIsNotABoolean_IsValidationError_AndKeepsTheProfile()
    {
        var name = Api.NewName("profile");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));

        var (status, envelope) = await fixture.Client.PostAsync("/delete-connector-profile", $$"""{"connectorProfileName":"{{name}}","forceDelete":"yes"}""");
        var (_, described) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.Equal("forceDelete: has the wrong type, or the JSON is malformed here.", envelope.Message());
        Assert.Single(described.Data()["connectorProfileDetails"]!.AsArray());
    }

    [Fact]
    public async Task FlowNamingAProfileOfAnotherType_IsValidationError()
    {
        var name = Api.NewName("profile");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(name));
        var flow = Api.LocalFolderFlow(Api.NewName("lf"), "in", "out");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(flow)!;
        json["sourceFlowConfig"]!["connectorProfileName"] = name;

        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", json.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"sourceFlowConfig.connectorProfileName: connector profile '{name}' is for connector type 'ProfileProbe', not 'LocalFolder'.", envelope.Message());
    }

    [Fact]
    public async Task Listing_FiltersByType_AndPagesInNameOrder()
    {
        var prefix = $"list-{Guid.NewGuid():N}";
        var names = new[] { $"{prefix}-c", $"{prefix}-a", $"{prefix}-b" };
        foreach (var name in names)
        {
            await fixture.Client.PostAsync("/create-connector-profile", Profile(name));
        }

        var seen = new List<string>();
        string? next = null;
        do
        {
            var (_, page) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorType = "ProfileProbe", maxResults = 2, nextToken = next });
            seen.AddRange(page.Data()["connectorProfileDetails"]!.AsArray().Select(p => p!["connectorProfileName"]!.GetValue<string>()));
            next = page.Data()["nextToken"]?.GetValue<string>();
        }
        while (next is not null);
        var (_, other) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorType = "LocalFolder" });

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], seen.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Empty(other.Data()["connectorProfileDetails"]!.AsArray());
    }

    [Theory]
    [InlineData("connectionMode", "Sideways", "connectionMode")]
    [InlineData("connectorType", "LocalFolder", "connectorProfileConfig.connectorProfileProperties.ProfileProbe")]
    [InlineData("connectorProfileName", "bad name", "connectorProfileName")]
    public async Task BadProfileFields_AreValidationErrorsNamingThem(string field, string value, string expectedField)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Profile(Api.NewName("profile")))!;
        body[field] = value;

        var (status, envelope) = await fixture.Client.PostAsync("/create-connector-profile", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expectedField + ":", envelope.Message());
    }

    [Fact]
    public async Task UnknownConnectorType_IsValidationErrorListingTheKnownOnes()
    {
        var (status, envelope) = await fixture.Client.PostAsync("/create-connector-profile", new
        {
            connectorProfileName = Api.NewName("profile"),
            connectorType = "Nope",
            connectionMode = "Public",
            connectorProfileConfig = new { connectorProfileProperties = new { Nope = new { a = "b" } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("connectorType: unknown connector type 'Nope' (available: ", envelope.Message());
        Assert.Contains("ProfileProbe", envelope.Message());
    }

    [Fact]
    public async Task MissingCredential_IsValidationErrorNamingItsPath()
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Profile(Api.NewName("profile")))!;
        body["connectorProfileConfig"]!["connectorProfileCredentials"] = new JsonObject { ["ProfileProbe"] = new JsonObject() };

        var (status, envelope) = await fixture.Client.PostAsync("/create-connector-profile", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("connectorProfileConfig.connectorProfileCredentials.ProfileProbe.token: is required.", envelope.Message());
    }

    [Fact]
    public async Task CredentialsUnderAnotherType_AreValidationError()
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Profile(Api.NewName("profile")))!;
        body["connectorProfileConfig"]!["connectorProfileCredentials"] = new JsonObject { ["S3"] = new JsonObject { ["token"] = "x" } };

        var (status, envelope) = await fixture.Client.PostAsync("/create-connector-profile", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("connectorProfileConfig.connectorProfileCredentials.S3: does not match connectorType 'ProfileProbe'.", envelope.Message());
    }

    [Fact]
    public async Task UpdateOfAMissingProfile_IsNotFound()
    {
        var name = Api.NewName("profile");

        var (status, envelope) = await fixture.Client.PostAsync("/update-connector-profile", new { connectorProfileName = name, connectionMode = "Public", connectorProfileConfig = new { } });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Connector profile '{name}' does not exist.", envelope.Message());
    }

    [Fact]
    public async Task DescribeConnectors_ListsEveryRegisteredType_WithWhatItSupports()
    {
        var (_, all) = await fixture.Client.PostAsync("/describe-connectors", new { });
        var (_, one) = await fixture.Client.PostAsync("/describe-connectors", new { connectorTypes = new[] { "ProfileProbe" } });

        var configurations = all.Data()["connectorConfigurations"]!.AsObject();
        Assert.Contains("LocalFolder", configurations.Select(c => c.Key));
        Assert.Contains("EventPayload", configurations.Select(c => c.Key));
        Assert.Equal(
            """{"ProfileProbe":{"canUseAsSource":true,"canUseAsDestination":false,"supportedFileTypes":["JSON"],"supportedWriteOperations":[]}}""",
            one.Data()["connectorConfigurations"]!.ToJsonString());
    }
}
