using FlowGrains.Connectors;
using FlowGrains.Errors;
using Microsoft.Extensions.Time.Testing;

using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

public sealed class S3ValidationTests : IDisposable
{
    private const string Path = "sourceFlowConfig.sourceConnectorProperties.S3";
    private readonly S3Connector _connector = Connector(new FakeTimeProvider());

    public void Dispose() => _connector.Dispose();

    private static Dictionary<string, string> Properties(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);

    [Theory]
    [InlineData(ConnectorRole.Source, "bucketName", "", "bucketName: is required.")]
    [InlineData(ConnectorRole.Source, "bucketName", "ab", "bucketName: must be 3 to 63 characters long.")]
    [InlineData(ConnectorRole.Source, "bucketName", "My_Bucket", "bucketName: may contain only lowercase letters, digits, dots and hyphens.")]
    [InlineData(ConnectorRole.Source, "bucketName", "-bucket", "bucketName: must begin and end with a letter or digit.")]
    [InlineData(ConnectorRole.Source, "bucketName", "a..b", "bucketName: must not contain two adjacent dots.")]
    [InlineData(ConnectorRole.Source, "bucketName", "192.168.5.4", "bucketName: must not be formatted as an IP address.")]
    [InlineData(ConnectorRole.Destination, "bucketName", "xn--bucket", "bucketName: must not use a prefix or suffix S3 reserves (xn--, sthree-, -s3alias, --ol-s3).")]
    [InlineData(ConnectorRole.Source, "bucketPrefix", "a\tb", "bucketPrefix: must not contain control characters.")]
    [InlineData(ConnectorRole.Source, "s3InputFormatConfig.s3InputFileType", "XML", "s3InputFormatConfig.s3InputFileType: must be one of CSV, JSON, PARQUET.")]
    [InlineData(ConnectorRole.Destination, "s3OutputFormatConfig.fileType", "csv", "s3OutputFormatConfig.fileType: must be one of CSV, JSON, PARQUET.")]
    [InlineData(ConnectorRole.Destination, "s3OutputFormatConfig.prefixConfig.prefixType", "FOLDER", "s3OutputFormatConfig.prefixConfig.prefixType: must be one of FILENAME, PATH, PATH_AND_FILENAME.")]
    [InlineData(ConnectorRole.Destination, "s3OutputFormatConfig.prefixConfig.prefixFormat", "WEEK", "s3OutputFormatConfig.prefixConfig.prefixType: is required (FILENAME, PATH, PATH_AND_FILENAME).")]
    [InlineData(ConnectorRole.Destination, "s3OutputFormatConfig.aggregationConfig.aggregationType", "Multiple", "s3OutputFormatConfig.aggregationConfig.aggregationType: must be one of None, SingleFile.")]
    [InlineData(ConnectorRole.Source, "s3OutputFormatConfig.fileType", "CSV", "s3OutputFormatConfig.fileType: is not an S3 property here (expected bucketName, bucketPrefix, s3InputFormatConfig.s3InputFileType).")]
    [InlineData(ConnectorRole.Destination, "s3OutputFormatConfig.compression", "GZIP", "s3OutputFormatConfig.compression: is not an S3 property here (expected bucketName, bucketPrefix, s3OutputFormatConfig.fileType, s3OutputFormatConfig.prefixConfig.prefixType, s3OutputFormatConfig.prefixConfig.prefixFormat, s3OutputFormatConfig.aggregationConfig.aggregationType).")]
    public void BadProperty_IsRejectedNamingItsPath(ConnectorRole role, string key, string value, string expected)
    {
        var properties = Properties("bucketName", "my-bucket");
        properties[key] = value;

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(role, properties, Path));

        Assert.Equal($"{Path}.{expected}", error.Message);
    }

    [Fact]
    public void PrefixTypeWithoutFormat_IsRejectedNamingTheFormat()
    {
        var properties = Properties("bucketName", "my-bucket", "s3OutputFormatConfig.prefixConfig.prefixType", "PATH");

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(ConnectorRole.Destination, properties, Path));

        Assert.Equal($"{Path}.s3OutputFormatConfig.prefixConfig.prefixFormat: is required (YEAR, MONTH, DAY, HOUR, MINUTE).", error.Message);
    }

    [Fact]
    public void BucketPrefixLongerThan512_IsRejected()
    {
        var properties = Properties("bucketName", "my-bucket", "bucketPrefix", new string('p', 513));

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(ConnectorRole.Source, properties, Path));

        Assert.Equal($"{Path}.bucketPrefix: must be at most 512 characters.", error.Message);
    }

    [Fact]
    public void AppFlowShapedProperties_AreAccepted()
    {
        _connector.ValidateProperties(ConnectorRole.Source, Properties(
            "bucketName", "my.bucket-1", "bucketPrefix", "in/", "s3InputFormatConfig.s3InputFileType", "PARQUET"), Path);
        _connector.ValidateProperties(ConnectorRole.Destination, Properties(
            "bucketName", "my-bucket", "bucketPrefix", "out",
            "s3OutputFormatConfig.fileType", "CSV",
            "s3OutputFormatConfig.prefixConfig.prefixType", "PATH_AND_FILENAME",
            "s3OutputFormatConfig.prefixConfig.prefixFormat", "MINUTE",
            "s3OutputFormatConfig.aggregationConfig.aggregationType", "SingleFile"), Path);
    }

    [Theory]
    [InlineData("endpointUrl", "localhost:9000", "p.endpointUrl: must be an absolute http or https URL without user name or password.")]
    [InlineData("endpointUrl", "http://user:pw@localhost:9000", "p.endpointUrl: must be an absolute http or https URL without user name or password.")]
    [InlineData("region", "US East", "p.region: must be a region name such as us-east-1.")]
    [InlineData("forcePathStyle", "yes", "p.forcePathStyle: must be true or false.")]
    [InlineData("bucketName", "b", "p.bucketName: is not a known property (expected endpointUrl, region, forcePathStyle).")]
    public void BadProfileProperty_IsRejectedNamingIt(string key, string value, string expected)
    {
        var profile = new ConnectorProfileSettings("p", new Dictionary<string, string> { [key] = value },
            new Dictionary<string, string> { ["accessKeyId"] = "AKIA", ["secretAccessKey"] = "s3cr3t" });

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProfile(profile, "p"));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("secretAccessKey", "p.secretAccessKey: is required.")]
    [InlineData("accessKeyId", "p.accessKeyId: is required.")]
    public void MissingCredential_IsRejectedNamingIt(string missing, string expected)
    {
        var credentials = new Dictionary<string, string> { ["accessKeyId"] = "AKIA", ["secretAccessKey"] = "s3cr3t" };
        credentials.Remove(missing);

        var error = Assert.Throws<FlowOperationException>(() =>
            _connector.ValidateProfile(new ConnectorProfileSettings("p", new Dictionary<string, string>(), credentials), "p"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void UnknownCredential_IsRejectedByNameWithoutItsValue()
    {
        var credentials = new Dictionary<string, string> { ["accessKeyId"] = "AKIA", ["secretAccessKey"] = "s3cr3t", ["password"] = "hunter2" };

        var error = Assert.Throws<FlowOperationException>(() =>
            _connector.ValidateProfile(new ConnectorProfileSettings("p", new Dictionary<string, string>(), credentials), "p"));

        Assert.Equal("p.password: is not a known property (expected accessKeyId, secretAccessKey, sessionToken).", error.Message);
    }

    [Fact]
    public void Capabilities_AreSourceDestinationAndThreeFileTypes()
    {
        var capabilities = _connector.Capabilities;

        Assert.Equal((true, true), (capabilities.Source, capabilities.Destination));
        Assert.Equal(["CSV", "JSON", "PARQUET"], capabilities.FileTypes.ToArray());
        Assert.Empty(capabilities.WriteOperations);
    }
}
