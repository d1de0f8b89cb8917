using FlowGrains.Connectors;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Errors;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

public sealed class PostgresValidationTests
{
    private const string SourcePath = "sourceFlowConfig.sourceConnectorProperties.Postgres";
    private const string DestinationPath = "destinationFlowConfigList[0].destinationConnectorProperties.Postgres";
    private readonly PostgresConnector _connector = new(FlowGrains.Testing.LoopbackEgress.Policy());

    private string Refusal(ConnectorRole role, params (string Key, string Value)[] properties)
    {
        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(
            role, properties.ToDictionary(p => p.Key, p => p.Value), role == ConnectorRole.Source ? SourcePath : DestinationPath));
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        return error.Message;
    }

    [Theory]
    [InlineData("", "sourceFlowConfig.sourceConnectorProperties.Postgres.object: is required.")]
    [InlineData("a.b.c", "sourceFlowConfig.sourceConnectorProperties.Postgres.object: must be a table name, optionally schema-qualified (schema.table), with double quotes around names that need them.")]
    [InlineData("\"open", "sourceFlowConfig.sourceConnectorProperties.Postgres.object: must be a table name, optionally schema-qualified (schema.table), with double quotes around names that need them.")]
    [InlineData("orders; DROP TABLE x", "sourceFlowConfig.sourceConnectorProperties.Postgres.object: must be a table name, optionally schema-qualified (schema.table), with double quotes around names that need them.")]
    public void Source_BadObject_IsRefusedNamingObject(string table, string message) =>
        Assert.Equal(message, Refusal(ConnectorRole.Source, ("object", table)));

    [Theory]
    [InlineData("   ")]
    [InlineData(" ;\n; ")]
    public void Source_BlankQuery_IsRefusedAsRequired(string query) =>
        Assert.Equal($"{SourcePath}.query: is required.", Refusal(ConnectorRole.Source, ("query", query)));

    [Fact]
    public void Source_QueryLongerThanTheLimit_IsRefused() =>
        Assert.Equal($"{SourcePath}.query: must be at most 100000 characters.", Refusal(ConnectorRole.Source, ("query", "SELECT " + new string('1', 100_000))));

    [Theory]
    [InlineData("SELECT ';' AS a, $x$;$x$ AS b, E'\\';' AS c -- ;\n;  /* ; */")]
    [InlineData("(SELECT 1)")]
    [InlineData("with recent AS (SELECT 1) SELECT * FROM recent;")]
    public void Source_SingleReadingQuery_IsAccepted(string query) =>
        _connector.ValidateProperties(ConnectorRole.Source, new Dictionary<string, string> { ["query"] = query }, SourcePath);

    [Fact]
    public void Source_ObjectAndQueryOrUnknownKey_AreRefused()
    {
        Assert.Equal($"{SourcePath}.query: cannot be given together with object: name a table or give a query.", Refusal(ConnectorRole.Source, ("object", "t"), ("query", "SELECT 1")));
        Assert.Equal($"{SourcePath}.table: is not a known property (expected object, query).", Refusal(ConnectorRole.Source, ("table", "t")));
    }

    [Fact]
    public void Destination_BadProperties_AreRefusedNamingTheField()
    {
        Assert.Equal($"{DestinationPath}.object: is required.", Refusal(ConnectorRole.Destination, ("writeOperationType", "INSERT")));
        Assert.Equal($"{DestinationPath}.writeOperationType: must be one of INSERT, UPSERT, UPDATE, DELETE.", Refusal(ConnectorRole.Destination, ("object", "t"), ("writeOperationType", "MERGE")));
        Assert.Equal($"{DestinationPath}.idFieldNames: is required for UPSERT: list the columns that identify a row.", Refusal(ConnectorRole.Destination, ("object", "t"), ("writeOperationType", "UPSERT")));
        Assert.Equal($"{DestinationPath}.idFieldNames: is required for UPDATE: list the columns that identify a row.", Refusal(ConnectorRole.Destination, ("object", "t"), ("writeOperationType", "UPDATE")));
        Assert.Equal($"{DestinationPath}.idFieldNames: is required for DELETE: list the columns that identify a row.", Refusal(ConnectorRole.Destination, ("object", "t"), ("writeOperationType", "DELETE")));
        Assert.Equal($"{DestinationPath}.idFieldNames[1]: must be a column name, listed once.", Refusal(ConnectorRole.Destination, ("object", "t"), ("writeOperationType", "DELETE"), ("idFieldNames[0]", "id"), ("idFieldNames[1]", "id")));
        Assert.Equal($"{DestinationPath}.errorHandlingConfig: is not a known property (expected object, writeOperationType, idFieldNames).", Refusal(ConnectorRole.Destination, ("object", "t"), ("errorHandlingConfig.failOnFirstDestinationError", "true")));
    }

    [Fact]
    public void Destination_InsertWithoutIdsAndUpsertWithIds_AreAccepted()
    {
        _connector.ValidateProperties(ConnectorRole.Destination, new Dictionary<string, string> { ["object"] = "sales.orders" }, DestinationPath);
        _connector.ValidateProperties(ConnectorRole.Destination, new Dictionary<string, string>
        {
            ["object"] = "orders", ["writeOperationType"] = "UPSERT", ["idFieldNames[0]"] = "id",
        }, DestinationPath);
    }

    [Fact]
    public void Profile_BadSettings_AreRefusedNamingTheField()
    {
        string Refused(Dictionary<string, string> properties, Dictionary<string, string> credentials) =>
            Assert.Throws<FlowOperationException>(() => _connector.ValidateProfile(new ConnectorProfileSettings("p", properties, credentials), "connectorProfileConfig")).Message;
        var credentials = new Dictionary<string, string> { ["username"] = "u", ["password"] = "secret" };

        Assert.Equal("connectorProfileConfig.connectorProfileProperties.host: is required.", Refused(new() { ["databaseName"] = "d" }, credentials));
        Assert.Equal("connectorProfileConfig.connectorProfileProperties.databaseName: is required.", Refused(new() { ["host"] = "h" }, credentials));
        Assert.Equal("connectorProfileConfig.connectorProfileProperties.port: must be an integer from 1 to 65535.", Refused(new() { ["host"] = "h", ["databaseName"] = "d", ["port"] = "0" }, credentials));
        Assert.Equal("connectorProfileConfig.connectorProfileProperties.sslMode: must be one of Disable, Allow, Prefer, Require, VerifyCA, VerifyFull.", Refused(new() { ["host"] = "h", ["databaseName"] = "d", ["sslMode"] = "Always" }, credentials));
        Assert.Equal("connectorProfileConfig.connectorProfileCredentials.username: is required.", Refused(new() { ["host"] = "h", ["databaseName"] = "d" }, new() { ["password"] = "secret" }));
        Assert.Equal("connectorProfileConfig.connectorProfileCredentials.token: is not a known property (expected username, password).", Refused(new() { ["host"] = "h", ["databaseName"] = "d" }, new() { ["username"] = "u", ["token"] = "t" }));
        Assert.Equal("connectorProfileConfig.connectorProfileProperties.allowQueries: must be true or false.", Refused(new() { ["host"] = "h", ["databaseName"] = "d", ["allowQueries"] = "yes" }, credentials));
        Assert.Equal("connectorProfileConfig.connectorProfileProperties.queryTimeoutSeconds: must be an integer from 1 to 86400.", Refused(new() { ["host"] = "h", ["databaseName"] = "d", ["queryTimeoutSeconds"] = "0" }, credentials));
    }

    [Fact]
    public void Capabilities_ListRolesAndWriteOperations()
    {
        var capabilities = ((IFlowConnector)_connector).Capabilities;

        Assert.Equal((true, true), (capabilities.Source, capabilities.Destination));
        Assert.Empty(capabilities.FileTypes);
        Assert.Equal(["INSERT", "UPSERT", "UPDATE", "DELETE"], capabilities.WriteOperations.ToArray());
    }
}
