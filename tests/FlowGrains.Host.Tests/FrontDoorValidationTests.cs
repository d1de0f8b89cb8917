using System.Net;
using System.Text;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>Bad input gets VALIDATION_ERROR in the envelope, naming the field; never a 500 or a stack trace.</summary>
[Collection(HostCollection.Name)]
public sealed class FrontDoorValidationTests(HostFixture fixture)
{
    private async Task AssertValidationErrorAsync(string path, string json, string field)
    {
        var (status, envelope) = await fixture.Client.PostAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(envelope["success"]!.GetValue<bool>());
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.StartsWith(field + ":", envelope.Message());
        Assert.DoesNotContain("   at ", envelope.Message());
        Assert.DoesNotContain("System.", envelope.Message());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ABodyThatIsNotDeclaredJson_IsValidationError_AndNothingIsCreated(string? contentType)
    {
        var name = Api.NewName("form");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Api.LocalFolderFlow(name, "in", "out"))));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await fixture.Client.PostAsync("/create-flow", content);
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.Equal("Content-Type: must be application/json.", envelope.Message());
        Assert.Equal("NOT_FOUND", described.Code());
    }

    [Theory]
    [InlineData("{\"flowName\":", "flowName")]
    [InlineData("{\"flowName\":\"a\",}", "body")]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    public Task MalformedJson_IsValidationError(string json, string field) =>
        AssertValidationErrorAsync("/start-flow", json, field);

    [Theory]
    [InlineData("{\"flowName\":42}", "flowName")]
    [InlineData("{\"flowName\":\"f\",\"clientToken\":true}", "clientToken")]
    [InlineData("{\"flowName\":\"f\",\"parameters\":[\"a\"]}", "parameters")]
    [InlineData("{\"flowName\":\"f\",\"parameters\":{\"a\":1}}", "parameters.a")]
    public Task WrongTypes_AreValidationErrorsNamingTheField(string json, string field) =>
        AssertValidationErrorAsync("/start-flow", json, field);

    [Fact]
    public Task UnknownField_IsValidationErrorNamingIt() =>
        AssertValidationErrorAsync("/start-flow", "{\"flowName\":\"f\",\"clientTokn\":\"x\"}", "clientTokn");

    [Theory]
    [InlineData("{}", "flowName")]
    [InlineData("{\"flowName\":\"has space\"}", "flowName")]
    [InlineData("{\"flowName\":\"_leading\"}", "flowName")]
    public Task MissingOrInvalidFlowName_IsValidationError(string json, string field) =>
        AssertValidationErrorAsync("/start-flow", json, field);

    [Fact]
    public Task OverLongFlowName_IsValidationError() =>
        AssertValidationErrorAsync("/describe-flow", $"{{\"flowName\":\"{new string('a', 257)}\"}}", "flowName");

    [Fact]
    public Task OverLongClientToken_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(clientToken: new string('t', 257)), "clientToken");

    [Fact]
    public Task OverLongDescription_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(description: new string('d', 2049)), "description");

    [Fact]
    public Task UnknownTriggerType_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(triggerType: "Hourly"), "triggerConfig.triggerType");

    [Fact]
    public Task CombinedTriggerTypes_AreValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(triggerType: "OnDemand,Scheduled"), "triggerConfig.triggerType");

    [Fact]
    public Task NullTaskProperty_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace(",\"tasks\":[]",
            ",\"tasks\":[{\"taskType\":\"Map_all\",\"sourceFields\":[],\"taskProperties\":{\"EXCLUDE_SOURCE_FIELDS_LIST\":null}}]"),
            "tasks[0].taskProperties.EXCLUDE_SOURCE_FIELDS_LIST");

    [Fact]
    public Task NulCharacterInAPath_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace("\"path\":\"in\"", "\"path\":\"a\\u0000b\""),
            "sourceFlowConfig.sourceConnectorProperties.LocalFolder.path");

    [Fact]
    public Task NumericTriggerType_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(triggerType: "1"), "triggerConfig.triggerType");

    [Fact]
    public Task UnparsableTimestamp_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create(triggerType: "Scheduled").Replace(
            "{\"triggerType\":\"Scheduled\"}",
            "{\"triggerType\":\"Scheduled\",\"triggerProperties\":{\"Scheduled\":{\"scheduleExpression\":\"rate(1minutes)\",\"scheduleStartTime\":\"soon\"}}}"),
            "triggerConfig.triggerProperties.Scheduled.scheduleStartTime");

    [Theory]
    [InlineData("/list-flows", "{\"maxResults\":0}", "maxResults")]
    [InlineData("/list-flows", "{\"maxResults\":99999999999}", "maxResults")]
    [InlineData("/list-flows", "{\"nextToken\":\"forged\"}", "nextToken")]
    [InlineData("/cancel-flow-executions", "{\"flowName\":\"f\",\"executionIds\":[null]}", "executionIds[0]")]
    [InlineData("/delete-flow", "{\"flowName\":\"f\",\"forceDelete\":\"yes\"}", "forceDelete")]
    [InlineData("/start-flow", "null", "body")]
    public Task OtherOperations_RejectBadFields(string path, string json, string field) =>
        AssertValidationErrorAsync(path, json, field);

    [Fact]
    public Task MissingTasks_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace(",\"tasks\":[]", string.Empty), "tasks");

    [Fact]
    public Task NullConnectorProperty_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace("\"fileType\":\"CSV\"", "\"fileType\":{\"x\":[null]}"),
            "sourceFlowConfig.sourceConnectorProperties.LocalFolder.fileType.x[0]");

    [Fact]
    public Task ConnectorPropertyNameWithADot_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace("\"fileType\":\"CSV\"", "\"fileType\":{\"a.b\":1}"),
            "sourceFlowConfig.sourceConnectorProperties.LocalFolder.fileType.a.b");

    [Fact]
    public Task PropertiesUnderAnotherConnectorType_IsValidationError() =>
        AssertValidationErrorAsync("/create-flow", Create().Replace("\"sourceConnectorProperties\":{\"LocalFolder\"", "\"sourceConnectorProperties\":{\"S3\""),
            "sourceFlowConfig.sourceConnectorProperties.S3");

    [Fact]
    public async Task BodyOverOneMebibyte_IsValidationError_AndTheServiceStillAnswers()
    {
        var huge = "{\"flowName\":\"f\",\"description\":\"" + new string('x', 1024 * 1024) + "\"}";

        await AssertValidationErrorAsync("/describe-flow", huge, "body");

        var (status, _) = await fixture.Client.PostAsync("/list-flows", "{}");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task WrongContentType_IsValidationError()
    {
        using var content = new StringContent("{\"flowName\":\"f\"}", Encoding.UTF8, "text/plain");
        using var response = await fixture.Client.PostAsync("/describe-flow", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownOperation_IsNotFoundInTheEnvelope()
    {
        var (status, envelope) = await fixture.Client.PostAsync("/launch-flow", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", envelope.Code());
    }

    private static string Create(string triggerType = "OnDemand", string? description = null, string? clientToken = null) =>
        "{\"flowName\":\"" + Api.NewName() + "\"," +
        (description is null ? string.Empty : "\"description\":\"" + description + "\",") +
        (clientToken is null ? string.Empty : "\"clientToken\":\"" + clientToken + "\",") +
        "\"triggerConfig\":{\"triggerType\":\"" + triggerType + "\"}," +
        "\"sourceFlowConfig\":{\"connectorType\":\"LocalFolder\",\"sourceConnectorProperties\":{\"LocalFolder\":{\"path\":\"in\",\"fileType\":\"CSV\"}}}," +
        "\"destinationFlowConfigList\":[{\"connectorType\":\"LocalFolder\",\"destinationConnectorProperties\":{\"LocalFolder\":{\"path\":\"out\",\"fileType\":\"JSON\"}}}]" +
        ",\"tasks\":[]}";
}
