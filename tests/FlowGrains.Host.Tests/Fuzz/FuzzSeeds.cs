using System.Text.Json.Nodes;

namespace FlowGrains.Host.Tests.Fuzz;

/// <summary>
/// One or more valid bodies per routed operation of both wires, for the fuzzer to mutate: valid bodies get
/// past the shape checks, so a mutation reaches the deep rules (schedules, tasks, connector and profile
/// properties, paging). <c>{F}</c> and <c>{P}</c> stand for a flow and a profile of the fuzzer's small pool.
/// </summary>
public static class FuzzSeeds
{
    /// <summary>Names the host reads inside free-form maps, so added properties reach the code that parses them.</summary>
    public static readonly IReadOnlyList<string> PropertyNames =
    [
        "port", "host", "batchSize", "maxPages", "maxRetries", "baseUrl", "headers.X-Trace", "headers.Accept", "path", "fileType",
        "TRUNCATE_LENGTH", "MASK_LENGTH", "MASK_VALUE", "DATA_TYPE", "VALUE", "LOWER_BOUND", "UPPER_BOUND", "VALUES",
        "SOURCE_DATA_TYPE", "DESTINATION_DATA_TYPE", "CONCAT_FORMAT", "MATH_OPERATION_FIELDS_ORDER", "EXCLUDE_SOURCE_FIELDS_LIST",
        "scheduleOffset", "scheduleStartTime", "maxResults", "nextToken", "LocalFolder", "Http", "S3", "Postgres", "ProfileProbe", "CustomConnector",
    ];

    private const string Folder = """{"LocalFolder":{"path":"{F}/in","fileType":"CSV"}}""";

    private const string Tasks = """
        [{"taskType":"Filter","sourceFields":["amount"],"connectorOperator":{"LocalFolder":"GREATER_THAN"},"taskProperties":{"DATA_TYPE":"double","VALUE":"10"}},
         {"taskType":"Mask","sourceFields":["name"],"connectorOperator":{"LocalFolder":"MASK_FIRST_N"},"taskProperties":{"MASK_LENGTH":"2"}},
         {"taskType":"Truncate","sourceFields":["name"],"connectorOperator":{"LocalFolder":"NO_OP"},"taskProperties":{"TRUNCATE_LENGTH":"3"}},
         {"taskType":"Map","sourceFields":["amount"],"connectorOperator":{"LocalFolder":"NO_OP"},"taskProperties":{"DESTINATION_DATA_TYPE":"integer"}}]
        """;

    private const string Scheduled = """
        {"triggerType":"Scheduled","triggerProperties":{"Scheduled":{"scheduleExpression":"cron(0/5 * * * ? *)","dataPullMode":"Complete",
         "scheduleStartTime":"2026-03-02T00:00:00Z","scheduleEndTime":"2027-01-01T00:00:00Z","timezone":"Europe/Paris","scheduleOffset":60,
         "firstExecutionFrom":"2026-01-01T00:00:00Z","flowErrorDeactivationThreshold":5,"catchUp":"Latest"}}}
        """;

    private static readonly string Flow = """
        {"flowName":"{F}","triggerConfig":{S},"sourceFlowConfig":{"connectorType":"LocalFolder","sourceConnectorProperties":{D}},
         "destinationFlowConfigList":[{"connectorType":"LocalFolder","destinationConnectorProperties":{"LocalFolder":{"path":"{F}/out","fileType":"JSON"}}}],
         "tasks":{K},"runTimeLimitSeconds":3600}
        """.Replace("{S}", Scheduled).Replace("{D}", Folder).Replace("{K}", Tasks);

    private static readonly string HttpFlow = """
        {"flowName":"{F}","triggerConfig":{"triggerType":"OnDemand"},
         "sourceFlowConfig":{"connectorType":"Http","connectorProfileName":"{P}","sourceConnectorProperties":{"Http":{"path":"orders","recordsPath":"items","paginationType":"NextLink","nextLinkPath":"next","maxPages":"10"}}},
         "destinationFlowConfigList":[{"connectorType":"Http","connectorProfileName":"{P}","destinationConnectorProperties":{"Http":{"path":"in","batchSize":"100"}}}],
         "tasks":[{"taskType":"Map_all","sourceFields":[],"connectorOperator":{"Http":"NO_OP"},"taskProperties":{}}]}
        """;

    private const string HttpProfile = """
        {"connectorProfileName":"{P}","connectorType":"Http","connectionMode":"Public",
         "connectorProfileConfig":{"connectorProfileProperties":{"Http":{"baseUrl":"https://api.example.test","headers":{"Accept":"application/json"}}},
                                   "connectorProfileCredentials":{"Http":{"bearerToken":"fuzz-token"}}}}
        """;

    private const string PostgresProfile = """
        {"connectorProfileName":"{P}","connectorType":"Postgres","connectionMode":"Public",
         "connectorProfileConfig":{"connectorProfileProperties":{"Postgres":{"host":"db.example.test","port":5432,"databaseName":"d"}},
                                   "connectorProfileCredentials":{"Postgres":{"username":"u","password":"p"}}}}
        """;

    private const string AwsProfile = """
        {"connectorProfileName":"{P}","connectorType":"CustomConnector","connectorLabel":"Http","connectionMode":"Public",
         "connectorProfileConfig":{"connectorProfileProperties":{"CustomConnector":{"profileProperties":{"baseUrl":"https://api.example.test"}}},
                                   "connectorProfileCredentials":{"CustomConnector":{"authenticationType":"APIKEY","apiKey":{"apiKey":"fuzz-key"}}}}}
        """;

    private static readonly string AwsFlow = """
        {"flowName":"{F}","triggerConfig":{S},
         "sourceFlowConfig":{"connectorType":"CustomConnector","sourceConnectorProperties":{"CustomConnector":{"entityName":"{F}/in","customProperties":{"connectorLabel":"LocalFolder","fileType":"CSV"}}}},
         "destinationFlowConfigList":[{"connectorType":"CustomConnector","destinationConnectorProperties":{"CustomConnector":{"entityName":"{F}/out","customProperties":{"connectorLabel":"LocalFolder","fileType":"JSON"}}}}],
         "tasks":[{"taskType":"Truncate","sourceFields":["name"],"connectorOperator":{"CustomConnector":"NO_OP"},"taskProperties":{"TRUNCATE_LENGTH":"3"}}],
         "runTimeLimitSeconds":604800}
        """.Replace("{S}", Scheduled);

    /// <summary>Valid bodies by route (method and route pattern, as the route table names them).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByRoute = new Dictionary<string, string[]>
    {
        ["POST /create-flow"] = [Flow, HttpFlow],
        ["POST /update-flow"] = [Flow, HttpFlow],
        ["POST /describe-flow"] = ["""{"flowName":"{F}"}"""],
        ["POST /list-flows"] = ["""{"maxResults":2}""", """{"maxResults":1,"nextToken":"{T}"}"""],
        ["POST /delete-flow"] = ["""{"flowName":"{F}","forceDelete":false}"""],
        ["POST /start-flow"] = ["""{"flowName":"{F}","clientToken":"fuzz","parameters":{"a":"b"}}"""],
        ["POST /stop-flow"] = ["""{"flowName":"{F}"}"""],
        ["POST /describe-flow-execution-records"] = ["""{"flowName":"{F}","maxResults":5}"""],
        ["POST /cancel-flow-executions"] = ["""{"flowName":"{F}","executionIds":["x"]}"""],
        ["POST /create-connector-profile"] = [HttpProfile, PostgresProfile],
        ["POST /update-connector-profile"] = [Update(HttpProfile), Update(PostgresProfile)],
        ["POST /describe-connector-profiles"] = ["""{"connectorProfileNames":["{P}"],"maxResults":10}"""],
        ["POST /delete-connector-profile"] = ["""{"connectorProfileName":"{P}","forceDelete":false}"""],
        ["POST /describe-connectors"] = ["""{"maxResults":5}"""],
        ["POST /list-connector-entities"] = ["""{"connectorType":"LocalFolder","entitiesPath":"{F}","maxResults":5}"""],
        ["POST /describe-connector-entity"] = ["""{"connectorType":"LocalFolder","connectorEntityName":"{F}/in"}"""],
        ["POST /create-access-key"] = ["""{"role":"Reader"}"""],
        ["POST /list-access-keys"] = ["{}"],
        ["POST /revoke-access-key"] = ["""{"accessKeyId":"AKFUZZ"}"""],
        ["POST /tag-resource"] = ["""{"resourceArn":"arn:aws:appflow:local:000000000000:flow/{F}","tags":{"k":"v"}}"""],
        ["POST /untag-resource"] = ["""{"resourceArn":"arn:aws:appflow:local:000000000000:flow/{F}","tagKeys":["k"]}"""],
        ["POST /list-tags-for-resource"] = ["""{"resourceArn":"arn:aws:appflow:local:000000000000:flow/{F}"}"""],
        ["POST /flows/{flowName}/events"] = ["""{"id":1,"amount":12.5}"""],
        ["POST /aws/create-flow"] = [AwsFlow],
        ["POST /aws/update-flow"] = [AwsFlow],
        ["POST /aws/describe-flow"] = ["""{"flowName":"{F}"}"""],
        ["POST /aws/list-flows"] = ["""{"maxResults":2,"nextToken":"{T}"}"""],
        ["POST /aws/delete-flow"] = ["""{"flowName":"{F}","forceDelete":true}"""],
        ["POST /aws/start-flow"] = ["""{"flowName":"{F}","clientToken":"fuzz"}"""],
        ["POST /aws/stop-flow"] = ["""{"flowName":"{F}"}"""],
        ["POST /aws/describe-flow-execution-records"] = ["""{"flowName":"{F}","maxResults":5}"""],
        ["POST /aws/cancel-flow-executions"] = ["""{"flowName":"{F}","executionIds":["x"]}"""],
        ["POST /aws/create-connector-profile"] = [AwsProfile],
        ["POST /aws/update-connector-profile"] = [Update(AwsProfile)],
        ["POST /aws/describe-connector-profiles"] = ["""{"connectorProfileNames":["{P}"],"connectorType":"CustomConnector","maxResults":10}"""],
        ["POST /aws/delete-connector-profile"] = ["""{"connectorProfileName":"{P}","forceDelete":true}"""],
        ["POST /aws/describe-connectors"] = ["""{"connectorTypes":["CustomConnector"],"maxResults":5}"""],
        ["POST /aws/describe-connector"] = ["""{"connectorType":"CustomConnector","connectorLabel":"Http"}"""],
        ["POST /aws/list-connectors"] = ["""{"maxResults":5}"""],
        ["POST /aws/list-connector-entities"] = ["""{"connectorType":"CustomConnector","entitiesPath":"{F}","maxResults":5}"""],
        ["POST /aws/describe-connector-entity"] = ["""{"connectorType":"CustomConnector","connectorEntityName":"{F}/in"}"""],
        ["POST /aws/create-access-key"] = ["""{"role":"Reader"}"""],
        ["POST /aws/list-access-keys"] = ["{}"],
        ["POST /aws/revoke-access-key"] = ["""{"accessKeyId":"AKFUZZ"}"""],
        ["POST /aws/register-connector"] = ["""{"connectorLabel":"x"}"""],
        ["POST /aws/unregister-connector"] = ["""{"connectorLabel":"x"}"""],
        ["POST /aws/update-connector-registration"] = ["""{"connectorLabel":"x"}"""],
        ["POST /aws/reset-connector-metadata-cache"] = ["""{"connectorProfileName":"{P}"}"""],
        ["POST /aws/tags/{**resourceArn}"] = ["""{"tags":{"k":"v"}}"""],
        ["DELETE /aws/tags/{**resourceArn}"] = [""],
        ["GET /aws/tags/{**resourceArn}"] = [""],
    };

    // The update form of a create body: the type is fixed at creation.
    private static string Update(string create) =>
        create.Replace("\"connectorType\":\"Http\",", "").Replace("\"connectorType\":\"Postgres\",", "")
            .Replace("\"connectorType\":\"CustomConnector\",\"connectorLabel\":\"Http\",", "");

    /// <summary>A seed of <paramref name="route"/> with the pool's names put in.</summary>
    public static JsonNode? Body(string seed, string flow, string profile, string token) =>
        seed.Length == 0 ? null : JsonNode.Parse(seed.Replace("{F}", flow).Replace("{P}", profile).Replace("{T}", token));
}
