using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Files;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>list-connector-entities and describe-connector-entity at AppFlow's paths, with AppFlow's response shapes.</summary>
[Collection(HostCollection.Name)]
public sealed class ConnectorEntitiesHttpTests(HostFixture fixture)
{
    private const string List = "/list-connector-entities";
    private const string Describe = "/describe-connector-entity";

    private string Folders(params string[] paths)
    {
        var top = Api.NewName("entities");
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.Combine(fixture.DataRoot, top, path));
        }

        return top;
    }

    private async Task<string> ProbeProfileAsync()
    {
        var name = Api.NewName("probe-profile");
        await fixture.Client.PostAsync("/create-connector-profile", new
        {
            connectorProfileName = name,
            connectorType = ProfileProbeConnector.TypeName,
            connectionMode = "Public",
            connectorProfileConfig = new
            {
                connectorProfileProperties = new { ProfileProbe = new { endpoint = "https://example.test" } },
                connectorProfileCredentials = new { ProfileProbe = new { token = "t" } },
            },
        });
        return name;
    }

    private async Task AssertErrorAsync(string path, object body, HttpStatusCode status, string code, string message)
    {
        var (actualStatus, envelope) = await fixture.Client.PostAsync(path, body);

        Assert.Equal((status, code, message), (actualStatus, envelope.Code(), envelope.Message()));
    }

    [Fact]
    public async Task List_LocalFolder_GroupsTheSubFoldersUnderTheEntitiesPath()
    {
        var top = Folders("b", "a/deeper");

        var (status, envelope) = await fixture.Client.PostAsync(List, new { connectorType = "LocalFolder", entitiesPath = top });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            $$"""{"connectorEntityMap":{"{{top}}":[{"name":"{{top}}/a","label":"a","hasNestedEntities":true},{"name":"{{top}}/b","label":"b","hasNestedEntities":true}]},"nextToken":null}""",
            envelope.Data().ToJsonString());
    }

    [Fact]
    public async Task List_TopLevel_IsGroupedUnderTheEmptyString()
    {
        var top = Folders("x");

        var (_, envelope) = await fixture.Client.PostAsync(List, new { connectorType = "LocalFolder", maxResults = 10000 });

        var entities = envelope.Data()["connectorEntityMap"]![""]!.AsArray();
        Assert.Contains(entities, entity => entity!["name"]!.GetValue<string>() == top);
    }

    [Fact]
    public async Task List_InPages_FollowsTheNextToken_AndRefusesATokenItDidNotIssueForThatPath()
    {
        var top = Folders("a", "b", "c");
        var other = Folders("a", "b");

        var (_, first) = await fixture.Client.PostAsync(List, new { connectorType = "LocalFolder", entitiesPath = top, maxResults = 2 });
        var token = first.Data()["nextToken"]!.GetValue<string>();
        var (_, second) = await fixture.Client.PostAsync(List, new { connectorType = "LocalFolder", entitiesPath = top, maxResults = 2, nextToken = token });

        Assert.Equal(["a", "b"], first.Data()["connectorEntityMap"]![top]!.AsArray().Select(entity => entity!["label"]!.GetValue<string>()));
        Assert.Equal(["c"], second.Data()["connectorEntityMap"]![top]!.AsArray().Select(entity => entity!["label"]!.GetValue<string>()));
        Assert.Null(second.Data()["nextToken"]);
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", entitiesPath = other, nextToken = token },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "nextToken: is not a token this listing issued.");
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", entitiesPath = top, nextToken = "Zm9yZ2Vk" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "nextToken: is not a token this listing issued.");
    }

    [Fact]
    public async Task Describe_LocalFolder_GivesAppFlowsFieldShape()
    {
        var top = Folders("in");
        await File.WriteAllTextAsync(Path.Combine(fixture.DataRoot, top, "in", "a.csv"), "id,name\n1,x\n");

        var (status, envelope) = await fixture.Client.PostAsync(Describe, new { connectorEntityName = $"{top}/in", connectorType = "LocalFolder" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"connectorEntityFields":[{"identifier":"id","label":"id","isPrimaryKey":false,"supportedFieldTypeDetails":{"v1":{"fieldType":"String","filterOperators":[]}}},{"identifier":"name","label":"name","isPrimaryKey":false,"supportedFieldTypeDetails":{"v1":{"fieldType":"String","filterOperators":[]}}}]}""",
            envelope.Data().ToJsonString());
    }

    [Fact]
    public async Task Describe_ParquetFolder_CarriesCustomProperties()
    {
        var top = Folders("typed");
        await using (var file = File.Create(Path.Combine(fixture.DataRoot, top, "typed", "a.parquet")))
        await using (var writer = FileFormats.CreateFormatWriter(file, FileType.Parquet))
        {
            await writer.WriteAsync([new JsonObject { ["n"] = 1 }], CancellationToken.None);
            await writer.FinishAsync(CancellationToken.None);
        }

        var (_, envelope) = await fixture.Client.PostAsync(Describe, new { connectorEntityName = $"{top}/typed", connectorType = "LocalFolder" });

        Assert.Equal(
            """{"connectorEntityFields":[{"identifier":"n","label":"n","isPrimaryKey":false,"supportedFieldTypeDetails":{"v1":{"fieldType":"Int64","filterOperators":[]}},"customProperties":{"nullable":"true"}}]}""",
            envelope.Data().ToJsonString());
    }

    [Fact]
    public async Task PathOutsideTheDataRoot_IsAValidationError()
    {
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", entitiesPath = "../" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "entitiesPath: must be a folder inside the data root.");
        await AssertErrorAsync(Describe, new { connectorType = "LocalFolder", connectorEntityName = "/etc" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "connectorEntityName: must be a folder inside the data root.");
    }

    [Fact]
    public async Task MissingFolder_IsNotFound()
    {
        await AssertErrorAsync(Describe, new { connectorType = "LocalFolder", connectorEntityName = "no-such-folder" },
            HttpStatusCode.NotFound, "NOT_FOUND", "Folder 'no-such-folder' does not exist under the data root.");
    }

    [Fact]
    public async Task NoConnectorTypeAndNoProfile_IsAValidationError()
    {
        const string message = "connectorType: is required when no connectorProfileName is given.";

        await AssertErrorAsync(List, new { entitiesPath = "x" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", message);
        await AssertErrorAsync(Describe, new { connectorEntityName = "x" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", message);
    }

    [Fact]
    public async Task UnknownConnectorType_IsAValidationError()
    {
        var (status, envelope) = await fixture.Client.PostAsync(List, new { connectorType = "Nope" });

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), (status, envelope.Code()));
        Assert.StartsWith("connectorType: unknown connector type 'Nope' (available: ", envelope.Message());
    }

    [Fact]
    public async Task UnknownProfile_IsNotFound()
    {
        await AssertErrorAsync(List, new { connectorProfileName = "no-such-profile" },
            HttpStatusCode.NotFound, "NOT_FOUND", "Connector profile 'no-such-profile' does not exist.");
        await AssertErrorAsync(Describe, new { connectorProfileName = "no-such-profile", connectorEntityName = "x" },
            HttpStatusCode.NotFound, "NOT_FOUND", "Connector profile 'no-such-profile' does not exist.");
    }

    [Fact]
    public async Task ProfileOfAnotherType_ThanTheConnectorTypeGiven_IsAValidationError()
    {
        var profile = await ProbeProfileAsync();

        await AssertErrorAsync(List, new { connectorProfileName = profile, connectorType = "LocalFolder" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", $"connectorType: connector profile '{profile}' is for connector type 'ProfileProbe', not 'LocalFolder'.");
    }

    [Fact]
    public async Task ConnectorTypeWithoutEntityMetadata_IsUnsupported_WhetherNamedOrTakenFromTheProfile()
    {
        var profile = await ProbeProfileAsync();

        await AssertErrorAsync(List, new { connectorType = "EventPayload" },
            HttpStatusCode.BadRequest, "UNSUPPORTED_OPERATION", "Connector type 'EventPayload' has no entity metadata.");
        await AssertErrorAsync(Describe, new { connectorType = "Http", connectorEntityName = "x" },
            HttpStatusCode.BadRequest, "UNSUPPORTED_OPERATION", "Connector type 'Http' has no entity metadata.");
        await AssertErrorAsync(List, new { connectorProfileName = profile },
            HttpStatusCode.BadRequest, "UNSUPPORTED_OPERATION", "Connector type 'ProfileProbe' has no entity metadata.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public async Task MaxResultsOutsideOneToTenThousand_IsAValidationError(int maxResults)
    {
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", maxResults },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "maxResults: must be 1-10000.");
    }

    [Fact]
    public async Task OverlongPathOrName_OrNoName_IsAValidationError()
    {
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", entitiesPath = new string('a', 257) },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "entitiesPath: must be at most 256 characters.");
        await AssertErrorAsync(Describe, new { connectorType = "LocalFolder", connectorEntityName = new string('a', 1025) },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "connectorEntityName: must be at most 1024 characters.");
        await AssertErrorAsync(Describe, new { connectorType = "LocalFolder" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "connectorEntityName: is required.");
    }

    [Fact]
    public async Task UnreachableDatabase_IsAValidationErrorSayingWhy_WithoutServerOrPassword()
    {
        const string password = "pg-secret-9931";
        var port = LoopbackPorts.Free();
        var profile = Api.NewName("pg-profile");
        await fixture.Client.PostAsync("/create-connector-profile", new
        {
            connectorProfileName = profile,
            connectorType = "Postgres",
            connectionMode = "Public",
            connectorProfileConfig = new
            {
                connectorProfileProperties = new { Postgres = new { host = HostFixture.AllowedLoopback, port, databaseName = "shop" } },
                connectorProfileCredentials = new { Postgres = new { username = "u", password } },
            },
        });

        var (status, envelope) = await fixture.Client.PostAsync(List, new { connectorProfileName = profile });

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), (status, envelope.Code()));
        Assert.Equal("PostgreSQL: could not connect to the profile's database (connection refused).", envelope.Message());
        Assert.DoesNotContain(port.ToString(), envelope.ToJsonString());
        Assert.DoesNotContain(password, envelope.ToJsonString());
    }

    [Fact]
    public async Task UnknownBodyField_IsAValidationError()
    {
        await AssertErrorAsync(List, new { connectorType = "LocalFolder", entityPath = "x" },
            HttpStatusCode.BadRequest, "VALIDATION_ERROR", "entityPath: is not a recognised field.");
    }
}
