using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using FlowGrains.Errors;

namespace FlowGrains.Connectors.Http.Tests;

public sealed class HttpValidationTests : IDisposable
{
    private const string Source = "sourceFlowConfig.sourceConnectorProperties.Http";
    private const string Destination = "destinationFlowConfigList[0].destinationConnectorProperties.Http";
    private const string ProfileProperties = "connectorProfileConfig.connectorProfileProperties.Http";
    private const string ProfileCredentials = "connectorProfileConfig.connectorProfileCredentials.Http";
    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    // "a=1|b=2" as a property map, so each case reads on one line.
    private static Dictionary<string, string> Map(string pairs) =>
        pairs.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    private static string ErrorOf(Action validate)
    {
        var error = Assert.Throws<FlowOperationException>(validate);
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        return error.Message;
    }

    [Theory]
    [InlineData("path=items|paginationType=Pages", "paginationType: must be one of None, Cursor, NextLink.")]
    [InlineData("paginationType=Cursor|cursorPath=next", "cursorParameter: is required.")]
    [InlineData("paginationType=Cursor|cursorParameter=after", "cursorPath: is required.")]
    [InlineData("paginationType=Cursor|cursorPath=next|cursorParameter=a b", "cursorParameter: must be a query parameter name (no spaces, '&', '=' or '#').")]
    [InlineData("paginationType=NextLink|cursorParameter=after", "cursorParameter: applies only when paginationType is Cursor.")]
    [InlineData("nextLinkPath=links.next", "nextLinkPath: applies only when paginationType is NextLink.")]
    [InlineData("recordsPath=data..items", "recordsPath: must be property names joined by '.', none empty or padded with spaces (for example data.items).")]
    [InlineData("path=https://evil.example/items", "path: must be a path relative to the profile's baseUrl (no scheme or host).")]
    [InlineData("path=//evil.example/items", "path: must be a path relative to the profile's baseUrl (no scheme or host).")]
    [InlineData("path=items#top", "path: must not contain a fragment, spaces or control characters.")]
    [InlineData("maxPages=0", "maxPages: must be an integer from 1 to 1000000.")]
    [InlineData("maxRetries=11", "maxRetries: must be an integer from 0 to 10.")]
    [InlineData("batchSize=10", "batchSize: is not a known property (expected path, recordsPath, paginationType, cursorPath, cursorParameter, nextLinkPath, maxPages, maxRetries).")]
    public void SourceProperties_AreCheckedNamingTheField(string properties, string expected)
    {
        Assert.Equal($"{Source}.{expected}", ErrorOf(() => _harness.Connector.ValidateProperties(ConnectorRole.Source, Map(properties), Source)));
    }

    [Theory]
    [InlineData("batchSize=0", "batchSize: must be an integer from 1 to 10000.")]
    [InlineData("batchSize=10001", "batchSize: must be an integer from 1 to 10000.")]
    [InlineData("batchSize=many", "batchSize: must be an integer from 1 to 10000.")]
    [InlineData("bodyRecordsProperty= ", "bodyRecordsProperty: must not be blank (leave it out to send the bare array).")]
    [InlineData("maxRetries=-1", "maxRetries: must be an integer from 0 to 10.")]
    [InlineData("recordsPath=items", "recordsPath: is not a known property (expected path, batchSize, bodyRecordsProperty, maxRetries).")]
    public void DestinationProperties_AreCheckedNamingTheField(string properties, string expected)
    {
        Assert.Equal($"{Destination}.{expected}", ErrorOf(() => _harness.Connector.ValidateProperties(ConnectorRole.Destination, Map(properties), Destination)));
    }

    [Theory]
    [InlineData(ConnectorRole.Source, "path=items?limit=50|recordsPath=data.items|paginationType=Cursor|cursorPath=meta.next_cursor|cursorParameter=after|maxPages=10|maxRetries=0")]
    [InlineData(ConnectorRole.Source, "paginationType=NextLink")]
    [InlineData(ConnectorRole.Source, "")]
    [InlineData(ConnectorRole.Destination, "path=/ingest|batchSize=10000|bodyRecordsProperty=records|maxRetries=10")]
    public void ValidProperties_AreAccepted(ConnectorRole role, string properties)
    {
        _harness.Connector.ValidateProperties(role, Map(properties), Source);
    }

    [Theory]
    [InlineData("", "", ProfileProperties + ".baseUrl: is required.")]
    [InlineData("baseUrl=ftp://files.example", "", ProfileProperties + ".baseUrl: must be an absolute http or https URL.")]
    [InlineData("baseUrl=api.example.com/v1", "", ProfileProperties + ".baseUrl: must be an absolute http or https URL.")]
    [InlineData("baseUrl=https://me:pw@api.example.com", "", ProfileProperties + ".baseUrl: must not contain user info; put credentials in the profile's credentials.")]
    [InlineData("baseUrl=https://api.example.com?key=1", "", ProfileProperties + ".baseUrl: must not have a query string or fragment; put query parameters in the flow's path.")]
    [InlineData("baseUrl=https://api.example.com|headers.Authorization=Bearer x", "", ProfileProperties + ".headers.Authorization: cannot set Authorization: credentials go in the profile's credentials, and the HTTP stack sets the rest.")]
    [InlineData("baseUrl=https://api.example.com|headers.X Bad=1", "", ProfileProperties + ".headers.X Bad: must name a valid HTTP header (letters, digits and !#$%&'*+-.^_`|~).")]
    [InlineData("baseUrl=https://api.example.com|apiKeyHeader=X-Key", "", ProfileProperties + ".apiKeyHeader: applies only with an apiKey credential.")]
    [InlineData("baseUrl=https://api.example.com|headers.X-Api-Key=k", "apiKey=k2", ProfileProperties + ".headers.X-Api-Key: is the API key's header; the key belongs in the credentials only.")]
    [InlineData("baseUrl=https://api.example.com|timeout=5", "", ProfileProperties + ".timeout: is not a known property (expected baseUrl, headers, apiKeyHeader).")]
    [InlineData("baseUrl=https://api.example.com", "bearerToken=t|apiKey=k", ProfileCredentials + ".apiKey: cannot be combined with bearerToken: give one kind of credential (bearerToken, apiKey, or username + password).")]
    [InlineData("baseUrl=https://api.example.com", "username=robot", ProfileCredentials + ".password: is required.")]
    [InlineData("baseUrl=https://api.example.com", "password=pw", ProfileCredentials + ".username: is required.")]
    [InlineData("baseUrl=https://api.example.com", "username=a:b|password=pw", ProfileCredentials + ".username: must not contain ':' (Basic authentication separates the password with it).")]
    [InlineData("baseUrl=https://api.example.com", "clientSecret=x", ProfileCredentials + ".clientSecret: is not a known property (expected bearerToken, apiKey, username, password).")]
    public void Profile_IsCheckedNamingTheField(string properties, string credentials, string expected)
    {
        var profile = new ConnectorProfileSettings("api", Map(properties), Map(credentials));

        Assert.Equal(expected, ErrorOf(() => _harness.Connector.ValidateProfile(profile, "connectorProfileConfig")));
    }

    [Fact]
    public void CredentialWithLineBreak_IsRefusedWithoutQuotingIt()
    {
        var profile = new ConnectorProfileSettings(
            "api", Map("baseUrl=https://api.example.com"), new Dictionary<string, string> { ["bearerToken"] = "tok\r\nX-Injected: 1" });

        Assert.Equal(
            ProfileCredentials + ".bearerToken: must not contain line breaks or NUL characters.",
            ErrorOf(() => _harness.Connector.ValidateProfile(profile, "connectorProfileConfig")));
    }

    [Fact]
    public void Capabilities_AreSourceAndInsertingDestination()
    {
        var capabilities = ((IFlowConnector)_harness.Connector).Capabilities;

        Assert.Equal((true, true, 0, "INSERT"), (capabilities.Source, capabilities.Destination, capabilities.FileTypes.Length, string.Join(",", capabilities.WriteOperations)));
    }
}
