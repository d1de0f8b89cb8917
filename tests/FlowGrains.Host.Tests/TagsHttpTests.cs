using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>
/// Tags on flows and connector profiles, named by ARN: /tag-resource, /untag-resource and /list-tags-for-resource in
/// the envelope, and /aws/tags/{ARN} on the AWS wire; AppFlow's tag rules on both.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class TagsHttpTests(HostFixture fixture)
{
    private async Task<string> CreateFlowAsync(JsonObject? tags = null)
    {
        var name = Api.NewName("tags");
        var flow = JsonSerializer.SerializeToNode(Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out"))!;
        if (tags is not null)
        {
            flow["tags"] = tags;
        }

        var (status, _) = await fixture.Client.PostAsync("/create-flow", flow.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        return AwsApi.FlowArn(name);
    }

    private async Task<string> CreateProfileAsync()
    {
        var name = Api.NewName("tagged");
        await ProfileProbeConnector.CreateProfileAsync(fixture.Factory.Services, name);
        return AwsApi.ProfileArn(name);
    }

    private async Task<string> ListAsync(string arn)
    {
        var (status, listed) = await fixture.Client.PostAsync("/list-tags-for-resource", new { resourceArn = arn });
        Assert.Equal(HttpStatusCode.OK, status);
        return listed.Data()["tags"]!.ToJsonString();
    }

    private static void AssertValidationError((HttpStatusCode Status, JsonObject Envelope) answer, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("VALIDATION_ERROR", answer.Envelope.Code());
        Assert.Equal(message, answer.Envelope.Message());
    }

    private static JsonObject Tags(int count) => new(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"k{i:D2}", (JsonNode?)JsonValue.Create($"v{i}"))));

    [Fact]
    public async Task CreateFlowTags_AreListedByListTagsForResource()
    {
        var arn = await CreateFlowAsync(new JsonObject { ["team"] = "data", ["env"] = "test" });

        Assert.Equal("""{"env":"test","team":"data"}""", await ListAsync(arn));
    }

    [Fact]
    public async Task TagResource_OnAFlow_AddsNewKeysAndReplacesExistingOnes()
    {
        var arn = await CreateFlowAsync(new JsonObject { ["team"] = "data", ["keep"] = "yes" });

        var (status, tagged) = await fixture.Client.PostAsync("/tag-resource", new { resourceArn = arn, tags = new { team = "ops", env = "prod" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"tags":{"env":"prod","keep":"yes","team":"ops"}}""", tagged.Data().ToJsonString());
        Assert.Equal("""{"env":"prod","keep":"yes","team":"ops"}""", await ListAsync(arn));
    }

    [Fact]
    public async Task UntagResource_OnAFlow_RemovesTheKeys_AndIgnoresAbsentOnes()
    {
        var arn = await CreateFlowAsync(new JsonObject { ["a"] = "1", ["b"] = "2", ["c"] = "3" });

        var (status, untagged) = await fixture.Client.PostAsync("/untag-resource", new { resourceArn = arn, tagKeys = new[] { "a", "c", "absent" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"tags":{"b":"2"}}""", untagged.Data().ToJsonString());
        Assert.Equal("""{"b":"2"}""", await ListAsync(arn));
    }

    [Fact]
    public async Task TagAndUntag_OnAConnectorProfile_ChangeItsTags()
    {
        var arn = await CreateProfileAsync();

        var (tagStatus, _) = await fixture.Client.PostAsync("/tag-resource", new { resourceArn = arn, tags = new { owner = "ann", cost = "42" } });
        var afterTag = await ListAsync(arn);
        var (untagStatus, _) = await fixture.Client.PostAsync("/untag-resource", new { resourceArn = arn, tagKeys = new[] { "cost" } });

        Assert.Equal(HttpStatusCode.OK, tagStatus);
        Assert.Equal("""{"cost":"42","owner":"ann"}""", afterTag);
        Assert.Equal(HttpStatusCode.OK, untagStatus);
        Assert.Equal("""{"owner":"ann"}""", await ListAsync(arn));
    }

    [Theory]
    [InlineData("arn:aws:appflow:local:111111111111:flow/{0}")]
    [InlineData("arn:aws:appflow:eu-west-1:000000000000:flow/{0}")]
    public async Task AnArnOfAnotherAccountOrRegion_IsNotFound(string format)
    {
        var arn = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, (await CreateFlowAsync()).Split('/')[1]);

        var (status, envelope) = await fixture.Client.PostAsync("/list-tags-for-resource", new { resourceArn = arn });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", envelope.Code());
        Assert.Equal($"No resource has the ARN '{arn}'.", envelope.Message());
    }

    [Fact]
    public async Task TheArnOfAFlowThatDoesNotExist_IsNotFound()
    {
        var (status, envelope) = await fixture.Client.PostAsync("/tag-resource", new { resourceArn = AwsApi.FlowArn(Api.NewName("tags")), tags = new { a = "b" } });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", envelope.Code());
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:s3:local:000000000000:flow/x")]
    [InlineData("arn:aws:appflow:local:000000000000:flow")]
    [InlineData("arn:aws:appflow:local:000000000000:flow/")]
    public async Task AMalformedArn_IsValidationError(string arn)
    {
        var answer = await fixture.Client.PostAsync("/list-tags-for-resource", new { resourceArn = arn });

        AssertValidationError(answer, "resourceArn: must be arn:aws:appflow:<region>:<account>:flow/<name> or …:connectorprofile/<name>.");
    }

    [Fact]
    public async Task The51stTag_IsValidationError_AndTheTagsStayAsTheyWere()
    {
        var arn = await CreateFlowAsync(Tags(50));

        var answer = await fixture.Client.PostAsync("/tag-resource", new { resourceArn = arn, tags = new { one = "more" } });

        AssertValidationError(answer, "tags: a resource holds at most 50 tags; it would hold 51.");
        Assert.Equal(Tags(50).ToJsonString(), await ListAsync(arn));
    }

    [Fact]
    public async Task AnAwsPrefixedKey_IsValidationError()
    {
        var arn = await CreateFlowAsync();

        var answer = await fixture.Client.PostAsync("/tag-resource", new JsonObject { ["resourceArn"] = arn, ["tags"] = new JsonObject { ["aws:owner"] = "me" } }.ToJsonString());

        AssertValidationError(answer, "tags.aws:owner: tag keys must not start with 'aws:'.");
        Assert.Equal("{}", await ListAsync(arn));
    }

    [Fact]
    public async Task AwsWire_TagsListsAndUntags_ByTheEncodedArnInThePath()
    {
        var arn = await CreateFlowAsync(new JsonObject { ["team"] = "data" });
        var path = AwsApi.TagsPath(arn);

        var tagged = await fixture.Client.AwsPostAsync(path, """{"tags":{"env":"prod","a":"1"}}""");
        var listed = await fixture.Client.AwsSendAsync(HttpMethod.Get, path);
        var untagged = await fixture.Client.AwsSendAsync(HttpMethod.Delete, $"{path}?tagKeys=a&tagKeys=team");
        var after = await fixture.Client.AwsSendAsync(HttpMethod.Get, path);

        Assert.Equal((HttpStatusCode.OK, "{}"), (tagged.Status, tagged.Body.ToJsonString()));
        Assert.Equal("""{"tags":{"a":"1","env":"prod","team":"data"}}""", listed.Body.ToJsonString());
        Assert.Equal((HttpStatusCode.OK, "{}"), (untagged.Status, untagged.Body.ToJsonString()));
        Assert.Equal("""{"tags":{"env":"prod"}}""", after.Body.ToJsonString());
    }

    [Fact]
    public async Task AwsWire_TagsOfAConnectorProfile_AreItsEnvelopeTags()
    {
        var arn = await CreateProfileAsync();

        var tagged = await fixture.Client.AwsPostAsync(AwsApi.TagsPath(arn), """{"tags":{"owner":"bo"}}""");

        Assert.Equal(HttpStatusCode.OK, tagged.Status);
        Assert.Equal("""{"owner":"bo"}""", await ListAsync(arn));
    }

    [Fact]
    public async Task AwsWire_AnArnOfAnotherAccount_IsResourceNotFoundException()
    {
        var listed = await fixture.Client.AwsSendAsync(HttpMethod.Get, AwsApi.TagsPath("arn:aws:appflow:local:111111111111:flow/x"));

        Assert.Equal(HttpStatusCode.NotFound, listed.Status);
        Assert.Equal("ResourceNotFoundException", listed.ErrorType);
    }

    [Fact]
    public async Task AwsWire_The51stTag_IsValidationException()
    {
        var arn = await CreateFlowAsync(Tags(50));

        var refused = await fixture.Client.AwsPostAsync(AwsApi.TagsPath(arn), """{"tags":{"one":"more"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.Equal("tags: a resource holds at most 50 tags; it would hold 51.", refused.Message);
    }
}
