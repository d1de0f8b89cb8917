using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Egress;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Host.Tests;

/// <summary>
/// The egress policy and the S3 ambient-credentials rule through the front door: refused when a profile or flow
/// is saved if it can be known then, and as the run's error otherwise.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EgressHttpTests(HostFixture fixture)
{
    private const string Remedy = "which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)";

    public static TheoryData<string, object, string, string> RefusedProfiles => new()
    {
        { "Http", new { baseUrl = "http://127.0.0.1:8080/v1" }, "connectorProfileConfig.connectorProfileProperties.Http.baseUrl", $"127.0.0.1 is a loopback address, {Remedy}." },
        { "Http", new { baseUrl = "http://169.254.169.254/latest/meta-data" }, "connectorProfileConfig.connectorProfileProperties.Http.baseUrl", $"169.254.169.254 is a cloud metadata address, {Remedy}." },
        { "Http", new { baseUrl = "http://metadata.google.internal/computeMetadata/v1" }, "connectorProfileConfig.connectorProfileProperties.Http.baseUrl", $"'metadata.google.internal' is a cloud metadata host name, {Remedy}." },
        { "Http", new { baseUrl = "http://localhost:8080" }, "connectorProfileConfig.connectorProfileProperties.Http.baseUrl", $"'localhost' resolves to 127.0.0.1, a loopback address, {Remedy}." },
        { "Postgres", new { host = "127.0.0.1", databaseName = "shop" }, "connectorProfileConfig.connectorProfileProperties.host", $"127.0.0.1 is a loopback address, {Remedy}." },
        { "Postgres", new { host = "169.254.169.254", databaseName = "shop" }, "connectorProfileConfig.connectorProfileProperties.host", $"169.254.169.254 is a cloud metadata address, {Remedy}." },
        { "S3", new { endpointUrl = "http://127.0.0.1:4568" }, "connectorProfileConfig.endpointUrl", $"127.0.0.1 is a loopback address, {Remedy}." },
        { "S3", new { endpointUrl = "http://[fd00:ec2::254]/" }, "connectorProfileConfig.endpointUrl", $"fd00:ec2::254 is a cloud metadata address, {Remedy}." },
    };

    [Theory]
    [MemberData(nameof(RefusedProfiles))]
    public async Task ProfilePointingAtARefusedAddress_IsAValidationErrorNamingTheField_OnCreateAndUpdate(
        string connectorType, object properties, string field, string rule)
    {
        var name = Api.NewName("egress");
        var allowed = await fixture.Client.PostAsync("/create-connector-profile", Profile(name, connectorType, AllowedProperties(connectorType)));

        var (createStatus, created) = await fixture.Client.PostAsync("/create-connector-profile", Profile(Api.NewName("egress"), connectorType, properties));
        var (updateStatus, updated) = await fixture.Client.PostAsync("/update-connector-profile", Update(name, connectorType, properties));

        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR", $"{field}: {rule}"), (createStatus, created.Code(), created.Message()));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR", $"{field}: {rule}"), (updateStatus, updated.Code(), updated.Message()));
    }

    [Fact]
    public async Task FlowNamingAProfileWhoseNameNowResolvesToARefusedAddress_IsAValidationError()
    {
        var host = $"{Api.NewName("turned")}.test";
        fixture.Dns.Script(host, null, "10.0.0.7");
        var profile = Api.NewName("egress");
        var (profileStatus, _) = await fixture.Client.PostAsync("/create-connector-profile", Profile(profile, "Http", new { baseUrl = $"http://{host}/" }));

        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", HttpFlow(Api.NewName("flow"), profile));

        Assert.Equal(HttpStatusCode.OK, profileStatus);
        Assert.Equal(
            (HttpStatusCode.BadRequest, "VALIDATION_ERROR",
             $"sourceFlowConfig.connectorProfileName: connector profile '{profile}' (connectorProfileConfig.connectorProfileProperties.Http.baseUrl): '{host}' resolves to 10.0.0.7, a private address, {Remedy}."),
            (status, envelope.Code(), envelope.Message()));
    }

    [Fact]
    public async Task RunWhoseNameResolvesToARefusedAddressAtRunTime_EndsErrorWithTheRefusal()
    {
        var host = $"{Api.NewName("rebind")}.test";
        fixture.Dns.Script(host, null, null, "169.254.169.254");
        var profile = Api.NewName("egress");
        var flow = Api.NewName("flow");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(profile, "Http", new { baseUrl = $"http://{host}/" }));
        var (createStatus, _) = await fixture.Client.PostAsync("/create-flow", HttpFlow(flow, profile));

        await fixture.Client.PostAsync("/start-flow", new { flowName = flow });
        var runs = await Eventually.MatchesAsync(
            async () => (await fixture.Client.PostAsync("/describe-flow-execution-records", new { flowName = flow })).Envelope.Data()["flowExecutions"]!.AsArray(),
            runs => runs.Count > 0 && runs[0]!["executionStatus"]!.GetValue<string>() == "Error",
            $"the run of {flow} to end Error");

        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.Equal(
            $"Page 1: GET /items failed after 1 attempt: '{host}' resolves to 169.254.169.254, a cloud metadata address, {Remedy}.",
            runs[0]!["executionResult"]!["errorInfo"]!["executionMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task S3FlowWithoutAProfile_IsRefused_EvenWithAmbientKeysInTheEnvironment()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAHOSTSOWNKEY00002");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "host-own-secret");
        try
        {
            var name = Api.NewName("s3");
            var (createStatus, created) = await fixture.Client.PostAsync("/create-flow", S3SourceFlow(name));
            await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out"));
            var (updateStatus, updated) = await fixture.Client.PostAsync("/update-flow", S3SourceFlow(name));

            const string rule = "an S3 flow needs a connectorProfileName with keys, or the operator must allow ambient credentials (FlowGrains:S3:AllowAmbientCredentials).";
            Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR", $"sourceFlowConfig.connectorProfileName: {rule}"), (createStatus, created.Code(), created.Message()));
            Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR", $"sourceFlowConfig.connectorProfileName: {rule}"), (updateStatus, updated.Code(), updated.Message()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    [Theory]
    [InlineData("embedded", true)]
    [InlineData("postgres", false)]
    public async Task PostgresProfileRefusesLoopback_WhileEmbeddedAllowsIt(string profile, bool allowsLoopback)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "silo-config", $"{profile}.json")).Build();
        var options = configuration.GetSection(EgressOptions.SectionName).Get<EgressOptions>() ?? new EgressOptions();
        var policy = new EgressPolicy(Options.Create(options), new DnsHostResolver(), NullLogger<EgressPolicy>.Instance);

        var loopback = await policy.CheckAsync("127.0.0.1", CancellationToken.None);
        var metadata = await policy.CheckAsync("169.254.169.254", CancellationToken.None);

        Assert.Equal(allowsLoopback ? null : $"127.0.0.1 is a loopback address, {Remedy}", loopback?.Message);
        Assert.Equal($"169.254.169.254 is a cloud metadata address, {Remedy}", metadata?.Message);
    }

    private static object AllowedProperties(string connectorType) => connectorType switch
    {
        "Http" => new { baseUrl = $"http://{HostFixture.AllowedLoopback}:8080/" },
        "Postgres" => new { host = HostFixture.AllowedLoopback, databaseName = "shop" },
        _ => new { endpointUrl = $"http://{HostFixture.AllowedLoopback}:4568" },
    };

    private static object Profile(string name, string connectorType, object properties) => new
    {
        connectorProfileName = name,
        connectorType,
        connectionMode = "Public",
        connectorProfileConfig = Config(connectorType, properties),
    };

    private static object Update(string name, string connectorType, object properties) => new
    {
        connectorProfileName = name,
        connectionMode = "Public",
        connectorProfileConfig = Config(connectorType, properties),
    };

    private static object Config(string connectorType, object properties) => new
    {
        connectorProfileProperties = new JsonObject { [connectorType] = System.Text.Json.JsonSerializer.SerializeToNode(properties) },
        connectorProfileCredentials = new JsonObject
        {
            [connectorType] = connectorType switch
            {
                "Postgres" => new JsonObject { ["username"] = "u", ["password"] = "p" },
                "S3" => new JsonObject { ["accessKeyId"] = "AK", ["secretAccessKey"] = "SK" },
                _ => new JsonObject(),
            },
        },
    };

    private static object HttpFlow(string name, string profile) => new
    {
        flowName = name,
        triggerConfig = new { triggerType = "OnDemand" },
        sourceFlowConfig = new { connectorType = "Http", connectorProfileName = profile, sourceConnectorProperties = new { Http = new { path = "items" } } },
        destinationFlowConfigList = new[]
        {
            new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = $"{name}/out", fileType = "JSON" } } },
        },
        tasks = Array.Empty<object>(),
    };

    private static object S3SourceFlow(string name) => new
    {
        flowName = name,
        triggerConfig = new { triggerType = "OnDemand" },
        sourceFlowConfig = new { connectorType = "S3", sourceConnectorProperties = new { S3 = new { bucketName = "lake", bucketPrefix = "in" } } },
        destinationFlowConfigList = new[]
        {
            new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = $"{name}/out", fileType = "JSON" } } },
        },
        tasks = Array.Empty<object>(),
    };
}
