using FlowGrains.Connectors;
using FlowGrains.Errors;
using FlowGrains.Testing;
using Microsoft.Extensions.Time.Testing;
using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>
/// The S3 connector connects through the egress policy, and never runs on the host's own AWS credentials unless
/// the operator allows it.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3EgressTests(S3rverFixture s3)
{
    private const string AmbientRefusal =
        "an S3 flow needs a connectorProfileName with keys, or the operator must allow ambient credentials (FlowGrains:S3:AllowAmbientCredentials).";

    private static readonly Dictionary<string, string> Source = new() { ["bucketName"] = "some-bucket" };

    [Fact]
    public async Task EndpointOnAnAddressThePolicyRefuses_FailsTheRunWithTheRefusal()
    {
        var dns = new ScriptedResolver();
        dns.Script("s3.rebind.test", "169.254.169.254");
        using var connector = Connector(new FakeTimeProvider(), egress: LoopbackEgress.Policy(dns));
        var endpoint = new Uri($"http://s3.rebind.test:{s3.EndpointUrl.Port}/");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync(connector, Run(Source, Profile(endpoint))));

        Assert.Equal(
            $"The S3 endpoint {endpoint} is refused: 's3.rebind.test' resolves to 169.254.169.254, a cloud metadata address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow).",
            error.Message);
    }

    // The system cannot resolve s3.allowed.test, so an answer from s3rver shows the connection went to the checked
    // address. s3rver takes a Host it does not know for a bucket (CNAME style), so its answer is NoSuchBucket: the
    // name travelled as the Host header.
    [Fact]
    public async Task EndpointNamedByAName_IsReachedOnTheAddressThePolicyChecked_UnderItsName()
    {
        var dns = new ScriptedResolver();
        dns.Script("s3.allowed.test", "127.0.0.1");
        using var connector = Connector(new FakeTimeProvider(), egress: LoopbackEgress.Policy(dns));
        var bucket = await s3.CreateBucketAsync();
        var endpoint = new Uri($"http://s3.allowed.test:{s3.EndpointUrl.Port}/");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            ReadAllAsync(connector, Run(new Dictionary<string, string> { ["bucketName"] = bucket }, Profile(endpoint))));

        Assert.Equal($"S3 bucket '{bucket}' does not exist at {endpoint}.", error.Message);
        Assert.Equal(1, dns.Calls("s3.allowed.test"));
    }

    [Fact]
    public void ProfileNamesItsEndpointHost_AndAwsProfilesNameNone()
    {
        using var connector = Connector(new FakeTimeProvider());

        var target = Assert.Single(connector.EgressTargets(Profile(new Uri("http://Minio.Example.test:9000/")), "connectorProfileConfig"));
        var aws = connector.EgressTargets(new ConnectorProfileSettings("aws", new Dictionary<string, string>(), Profile(s3.EndpointUrl).Credentials), "c");

        Assert.Equal(("minio.example.test", "connectorProfileConfig.endpointUrl"), (target.Host, target.Field));
        Assert.Empty(aws);
    }

    [Fact]
    public async Task FlowWithoutAProfile_IsRefused_EvenWithAmbientKeysInTheEnvironment()
    {
        using var keys = new AmbientKeys();
        using var connector = Connector(new FakeTimeProvider());

        var atSave = Assert.Throws<FlowOperationException>(() => connector.ValidateProfileUse(ConnectorRole.Source, null, "sourceFlowConfig"));
        var atRun = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync(connector, Run(Source, profile: null!)));

        Assert.Equal((FlowErrorCode.ValidationError, $"sourceFlowConfig.connectorProfileName: {AmbientRefusal}"), (atSave.Code, atSave.Message));
        Assert.Equal("A" + AmbientRefusal[1..], atRun.Message);
    }

    [Fact]
    public void FlowWithoutAProfile_IsAccepted_WhenTheOperatorAllowsAmbientCredentials()
    {
        using var connector = Connector(new FakeTimeProvider(), allowAmbientCredentials: true);

        connector.ValidateProfileUse(ConnectorRole.Destination, null, "destinationFlowConfigList[0]");
    }

    // Process-wide, as the SDK reads them; put back when the test ends.
    private sealed class AmbientKeys : IDisposable
    {
        private readonly string? _id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        private readonly string? _secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");

        public AmbientKeys()
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAHOSTSOWNKEY00001");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "host-own-secret");
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", _id);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", _secret);
        }
    }
}
