using System.Collections.Immutable;
using System.Net;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Auth;

/// <summary>
/// Changing a connector profile's tags takes an Admin key, as changing the profile does; a flow's takes an
/// Operator key. The same on both wires; a refusal changes nothing.
/// </summary>
[Collection(KeyedHostCollection.Name)]
public sealed class TagAccessTests(KeyedHostFixture fixture)
{
    private static readonly string Operator = KeyedHostFixture.Bearer(KeyedHostFixture.OperatorId);

    private string DeniedMessage => $"Key '{KeyedHostFixture.OperatorId}' may not change a connector profile's tags; that needs an Admin key.";

    private static string Json(object body) => System.Text.Json.JsonSerializer.Serialize(body);

    private async Task<string> CreateProfileAsync()
    {
        var name = Api.NewName("keyedprofile");
        await ProfileProbeConnector.CreateProfileAsync(fixture.Factory.Services, name, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("owner", "admin")]));
        return AwsApi.ProfileArn(name);
    }

    private async Task<string> TagsAsOperatorAsync(string arn)
    {
        var listed = await fixture.Client.CallAsync(HttpMethod.Post, "/list-tags-for-resource", Json(new { resourceArn = arn }), Operator);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        return listed.Body["data"]!["tags"]!.ToJsonString();
    }

    [Fact]
    public async Task Envelope_AnOperatorTaggingAProfile_IsAccessDenied_AndTheTagsStay()
    {
        var arn = await CreateProfileAsync();

        var refused = await fixture.Client.CallAsync(HttpMethod.Post, "/tag-resource", Json(new { resourceArn = arn, tags = new { owner = "operator" } }), Operator);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("ACCESS_DENIED", refused.Body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(DeniedMessage, refused.Body["error"]!["message"]!.GetValue<string>());
        Assert.Equal("""{"owner":"admin"}""", await TagsAsOperatorAsync(arn));
    }

    [Fact]
    public async Task Envelope_AnOperatorUntaggingAProfile_IsAccessDenied()
    {
        var arn = await CreateProfileAsync();

        var refused = await fixture.Client.CallAsync(HttpMethod.Post, "/untag-resource", Json(new { resourceArn = arn, tagKeys = new[] { "owner" } }), Operator);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("ACCESS_DENIED", refused.Body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("""{"owner":"admin"}""", await TagsAsOperatorAsync(arn));
    }

    [Fact]
    public async Task AwsWire_AnOperatorTaggingOrUntaggingAProfile_IsAccessDeniedException()
    {
        var arn = await CreateProfileAsync();

        var tagged = await fixture.Client.AwsSendAsync(HttpMethod.Post, AwsApi.TagsPath(arn), """{"tags":{"owner":"operator"}}""", Operator);
        var untagged = await fixture.Client.AwsSendAsync(HttpMethod.Delete, AwsApi.TagsPath(arn) + "?tagKeys=owner", authorization: Operator);

        Assert.Equal((HttpStatusCode.Forbidden, "AccessDeniedException", DeniedMessage), (tagged.Status, tagged.ErrorType, tagged.Message));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDeniedException", DeniedMessage), (untagged.Status, untagged.ErrorType, untagged.Message));
        Assert.Equal("""{"owner":"admin"}""", await TagsAsOperatorAsync(arn));
    }

    [Fact]
    public async Task AnAdmin_TagsAProfile()
    {
        var arn = await CreateProfileAsync();

        var tagged = await fixture.Client.AwsSendAsync(HttpMethod.Post, AwsApi.TagsPath(arn), """{"tags":{"cost":"7"}}""", KeyedHostFixture.Bearer(KeyedHostFixture.AdminId));

        Assert.Equal(HttpStatusCode.OK, tagged.Status);
        Assert.Equal("""{"cost":"7","owner":"admin"}""", await TagsAsOperatorAsync(arn));
    }

    [Fact]
    public async Task AnOperator_TagsAFlow()
    {
        var name = Api.NewName("keyedflow");
        await fixture.Client.AwsPostAsync("/create-flow", AwsApi.LocalFolderFlow(name, "in", "out").ToJsonString(), Operator);

        var tagged = await fixture.Client.CallAsync(HttpMethod.Post, "/tag-resource", Json(new { resourceArn = AwsApi.FlowArn(name), tags = new { team = "ops" } }), Operator);

        Assert.Equal(HttpStatusCode.OK, tagged.Status);
        Assert.Equal("""{"team":"ops"}""", await TagsAsOperatorAsync(AwsApi.FlowArn(name)));
    }

    [Fact]
    public async Task AReader_TaggingAFlow_IsAccessDenied()
    {
        var name = Api.NewName("keyedflow");
        await fixture.Client.AwsPostAsync("/create-flow", AwsApi.LocalFolderFlow(name, "in", "out").ToJsonString(), Operator);

        var refused = await fixture.Client.AwsSendAsync(
            HttpMethod.Post, AwsApi.TagsPath(AwsApi.FlowArn(name)), """{"tags":{"team":"ops"}}""", KeyedHostFixture.Bearer(KeyedHostFixture.ReaderId));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("AccessDeniedException", refused.ErrorType);
        Assert.Equal("{}", await TagsAsOperatorAsync(AwsApi.FlowArn(name)));
    }
}
