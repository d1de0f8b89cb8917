using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Tests.Auth;

/// <summary>The signature check against vectors of AWS's published SigV4 test suite (key AKIDEXAMPLE, 2015-08-30 12:36:00 UTC).</summary>
public sealed class SigV4Tests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AmzDate = "20150830T123600Z";
    private const string EmptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static string SignatureOf(string method, string path, string query)
    {
        var authorization = SigV4.Parse(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=x");
        var headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = AmzDate };
        var canonical = SigV4.CanonicalRequest(method, path, query, name => headers[name], authorization.SignedHeaders, EmptyPayload);
        return SigV4.Signature(Secret, authorization, SigV4.StringToSign(AmzDate, authorization, canonical));
    }

    [Fact]
    public void GetVanilla() =>
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SignatureOf("GET", "/", ""));

    [Fact]
    public void PostVanilla() =>
        Assert.Equal("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", SignatureOf("POST", "/", ""));

    [Fact]
    public void GetVanillaQueryOrderKeyCase_SortsTheQuery() =>
        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", SignatureOf("GET", "/", "Param2=value2&Param1=value1"));

    [Fact]
    public void TheParsedHeader_GivesTheCredentialScopeAndSignedHeaders()
    {
        var parsed = SigV4.Parse("AWS4-HMAC-SHA256 Credential=AKID/20261204/eu-west-1/appflow/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=abc");

        Assert.Equal(("AKID", "20261204", "eu-west-1", "appflow", "abc"), (parsed.KeyId, parsed.Date, parsed.Region, parsed.Service, parsed.Signature));
        Assert.Equal(["content-type", "host", "x-amz-date"], parsed.SignedHeaders);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261204/appflow/aws4_request, SignedHeaders=host, Signature=abc")]
    public void AnIncompleteHeader_IsRefusedAsIncomplete(string header)
    {
        var refused = Assert.Throws<AuthFailure>(() => SigV4.Parse(header));

        Assert.Equal("IncompleteSignatureException", refused.AwsName);
    }

    [Fact]
    public void PathSegments_AreEncodedOnceMore_AsAwsClientsSignThem() =>
        Assert.Equal("/tags/arn%253Aaws%253Aappflow", SigV4.CanonicalRequest("GET", "/tags/arn%3Aaws%3Aappflow", "", _ => "", [], "").Split('\n')[1]);
}
