using System.Net;
using System.Text.Json;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Aws;

/// <summary>Keys on the AWS wire: refusals as AWS names them, in AWS's error shape (no envelope), and they change nothing.</summary>
[Collection(KeyedHostCollection.Name)]
public sealed class AwsKeyAuthTests(KeyedHostFixture fixture)
{
    private static void AssertRefused(AwsResponse refused, HttpStatusCode status, string errorType)
    {
        Assert.Equal(status, refused.Status);
        Assert.Equal(errorType, refused.ErrorType);
        Assert.Equal(["message"], refused.Body.Select(member => member.Key));
        Assert.NotNull(refused.RequestId);
    }

    [Fact]
    public async Task NoAuthorization_IsMissingAuthenticationTokenException403()
    {
        var refused = await fixture.Client.AwsPostAsync("/list-flows", "{}");

        AssertRefused(refused, HttpStatusCode.Forbidden, "MissingAuthenticationTokenException");
    }

    [Theory]
    [InlineData("Bearer AKNOBODY:some-secret-0123456789", HttpStatusCode.Forbidden, "UnrecognizedClientException")]
    [InlineData("Bearer " + KeyedHostFixture.AdminId + ":not-the-secret-0123456789", HttpStatusCode.Forbidden, "InvalidSignatureException")]
    [InlineData("Token abc", HttpStatusCode.BadRequest, "IncompleteSignatureException")]
    public async Task ARefusedKey_IsRefusedAsAwsNamesIt(string authorization, HttpStatusCode status, string errorType)
    {
        var refused = await fixture.Client.AwsPostAsync("/list-flows", "{}", authorization);

        AssertRefused(refused, status, errorType);
    }

    [Fact]
    public async Task AReaderCreatingAFlow_IsAccessDeniedException403_AndNoFlowIsCreated()
    {
        var name = Api.NewName("keyed");
        var reader = KeyedHostFixture.Bearer(KeyedHostFixture.ReaderId);

        var refused = await fixture.Client.AwsPostAsync("/create-flow", AwsApi.LocalFolderFlow(name, "in", "out").ToJsonString(), reader);
        var described = await fixture.Client.AwsPostAsync("/describe-flow", JsonSerializer.Serialize(new { flowName = name }), reader);

        AssertRefused(refused, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal($"Key '{KeyedHostFixture.ReaderId}' has role Reader; /aws/create-flow needs Operator.", refused.Message);
        Assert.Equal("ResourceNotFoundException", described.ErrorType);
    }

    [Fact]
    public async Task AnOperatorKey_CreatesAFlow()
    {
        var name = Api.NewName("keyed");

        var created = await fixture.Client.AwsPostAsync(
            "/create-flow", AwsApi.LocalFolderFlow(name, "in", "out").ToJsonString(), KeyedHostFixture.Bearer(KeyedHostFixture.OperatorId));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(AwsApi.FlowArn(name), created.Body["flowArn"]!.GetValue<string>());
    }
}
