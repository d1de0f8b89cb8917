// A flow's whole life through FlowGrains' AWS wire with the AWS SDK for JavaScript v3, unchanged:
// only the endpoint points at FlowGrains. Every one of AppFlow's 25 operations is called, and every
// error name FlowGrains produces is provoked. Exits non-zero on the first broken expectation.
//
// Environment: FLOWGRAINS_AWS_ENDPOINT (http://127.0.0.1:PORT/aws), FLOWGRAINS_ADMIN_KEY / _SECRET,
// FLOWGRAINS_READER_KEY / _SECRET, FLOWGRAINS_PREFIX (makes names unique), FLOWGRAINS_INPUT_FOLDER
// (a LocalFolder path under the host's data root holding one CSV file with columns customer,amount).
import assert from "node:assert/strict";
import * as appflow from "@aws-sdk/client-appflow";

const env = (name) => process.env[name] ?? assert.fail(`${name} is not set`);
const endpoint = env("FLOWGRAINS_AWS_ENDPOINT");
const prefix = env("FLOWGRAINS_PREFIX");
const input = env("FLOWGRAINS_INPUT_FOLDER");

const clientFor = (id, secret, options = {}) =>
  new appflow.AppflowClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: id, secretAccessKey: secret }, maxAttempts: 1, ...options });
const admin = clientFor(env("FLOWGRAINS_ADMIN_KEY"), env("FLOWGRAINS_ADMIN_SECRET"));
const reader = clientFor(env("FLOWGRAINS_READER_KEY"), env("FLOWGRAINS_READER_SECRET"));

const send = (command, client = admin) => client.send(command);
let step = "start";
const check = (name) => { step = name; console.log(`sdk: ${name}`); };

async function expectError(name, promise) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, name, `${step}: expected ${name}, got ${error.name}: ${error.message}`);
    assert.ok(error.message.length > 0, `${step}: ${name} has no message`);
    assert.ok(error.$metadata.requestId, `${step}: ${name} came without x-amzn-RequestId`);
    return error;
  }
  assert.fail(`${step}: expected ${name}, but the call succeeded`);
}

// A client whose signed request is altered just before it is sent.
function tampered(alter) {
  const client = clientFor(env("FLOWGRAINS_ADMIN_KEY"), env("FLOWGRAINS_ADMIN_SECRET"));
  client.middlewareStack.add((next) => async (args) => { alter(args.request.headers); return next(args); }, { step: "deserialize", priority: "high", name: "tamper" });
  return client;
}

const onDemand = `${prefix}_sdk_ondemand`;
const scheduled = `${prefix}_sdk_scheduled`;
const localFolder = (entityName, fileType) => ({ CustomConnector: { entityName, customProperties: { connectorLabel: "LocalFolder", fileType } } });
const tasks = [
  { sourceFields: ["customer", "amount"], taskType: "Filter", connectorOperator: { CustomConnector: "PROJECTION" } },
  { sourceFields: ["customer"], taskType: "Map", connectorOperator: { CustomConnector: "NO_OP" }, destinationField: "customer" },
  { sourceFields: ["amount"], taskType: "Map", connectorOperator: { CustomConnector: "NO_OP" }, destinationField: "amount" },
];
const definition = (flowName, triggerConfig) => ({
  flowName,
  triggerConfig,
  sourceFlowConfig: { connectorType: "CustomConnector", sourceConnectorProperties: localFolder(input, "CSV") },
  destinationFlowConfigList: [{ connectorType: "CustomConnector", destinationConnectorProperties: localFolder(`${flowName}-out`, "JSON") }],
  tasks,
});

check("CreateFlow OnDemand, with tags");
const created = await send(new appflow.CreateFlowCommand({ ...definition(onDemand, { triggerType: "OnDemand" }), description: "first", tags: { team: "data" } }));
assert.equal(created.flowStatus, "Active");
assert.match(created.flowArn, new RegExp(`:flow/${onDemand}$`));

check("CreateFlow Scheduled");
const startTime = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000);
const createdScheduled = await send(new appflow.CreateFlowCommand(definition(scheduled, {
  triggerType: "Scheduled",
  triggerProperties: { Scheduled: { scheduleExpression: "rate(5 minutes)", dataPullMode: "Complete", scheduleStartTime: startTime } },
})));
assert.equal(createdScheduled.flowStatus, "Draft");

check("DescribeFlow returns what CreateFlow was given");
const described = await send(new appflow.DescribeFlowCommand({ flowName: onDemand }));
assert.equal(described.flowName, onDemand);
assert.equal(described.description, "first");
assert.deepEqual(described.sourceFlowConfig, { connectorType: "CustomConnector", sourceConnectorProperties: localFolder(input, "CSV") });
assert.deepEqual(described.destinationFlowConfigList, [{ connectorType: "CustomConnector", destinationConnectorProperties: localFolder(`${onDemand}-out`, "JSON") }]);
assert.deepEqual(described.tasks.map((task) => task.connectorOperator), tasks.map((task) => task.connectorOperator));
assert.deepEqual(described.tags, { team: "data" });
assert.ok(described.createdAt instanceof Date && Math.abs(described.createdAt - Date.now()) < 600_000, "createdAt is a timestamp of now");
const describedScheduled = await send(new appflow.DescribeFlowCommand({ flowName: scheduled }));
assert.equal(describedScheduled.triggerConfig.triggerProperties.Scheduled.scheduleStartTime.getTime(), startTime.getTime());

check("ListFlows pages with maxResults 1");
const seen = [];
let nextToken;
let pages = 0;
do {
  const page = await send(new appflow.ListFlowsCommand({ maxResults: 1, nextToken }));
  assert.ok(page.flows.length <= 1);
  seen.push(...page.flows.map((flow) => flow.flowName));
  nextToken = page.nextToken;
  pages++;
} while (nextToken);
assert.ok(pages >= 2 && seen.includes(onDemand) && seen.includes(scheduled), `listed ${seen}`);
const listed = (await send(new appflow.ListFlowsCommand({}))).flows.find((flow) => flow.flowName === onDemand);
assert.equal(listed.sourceConnectorType, "CustomConnector");
assert.equal(listed.sourceConnectorLabel, "LocalFolder");

check("UpdateFlow");
const updated = await send(new appflow.UpdateFlowCommand({ ...definition(onDemand, { triggerType: "OnDemand" }), description: "second" }));
assert.equal(updated.flowStatus, "Active");
assert.equal((await send(new appflow.DescribeFlowCommand({ flowName: onDemand }))).description, "second");

check("StartFlow without a clientToken (the SDK fills in a new one per call): two runs");
const first = await send(new appflow.StartFlowCommand({ flowName: onDemand }));
const second = await send(new appflow.StartFlowCommand({ flowName: onDemand }));
assert.ok(first.executionId && second.executionId && first.executionId !== second.executionId);

check("StartFlow with a clientToken: a replay returns the same executionId");
const token = `${prefix}-token`;
const tokened = await send(new appflow.StartFlowCommand({ flowName: onDemand, clientToken: token }));
const replayed = await send(new appflow.StartFlowCommand({ flowName: onDemand, clientToken: token }));
assert.equal(replayed.executionId, tokened.executionId);
assert.deepEqual(Object.keys(replayed).filter((key) => key !== "$metadata").sort(), ["executionId", "flowArn", "flowStatus"]);

check("DescribeFlowExecutionRecords until the runs end");
const deadline = Date.now() + 60_000;
let records;
do {
  records = (await send(new appflow.DescribeFlowExecutionRecordsCommand({ flowName: onDemand, maxResults: 100 }))).flowExecutions;
  if (records.length === 3 && records.every((record) => record.executionStatus === "Successful")) break;
  assert.ok(records.every((record) => record.executionStatus !== "Error"), JSON.stringify(records));
  await new Promise((resolve) => setTimeout(resolve, 200));
} while (Date.now() < deadline);
assert.deepEqual(records.map((record) => record.executionStatus), ["Successful", "Successful", "Successful"]);
assert.ok(records.every((record) => record.executionResult.recordsProcessed === 2 && record.startedAt instanceof Date));

check("CancelFlowExecutions of a finished run: it comes back as invalid");
const cancelled = await send(new appflow.CancelFlowExecutionsCommand({ flowName: onDemand, executionIds: [tokened.executionId] }));
assert.deepEqual(cancelled.invalidExecutions, [tokened.executionId]);

check("StartFlow and StopFlow of the Scheduled flow");
assert.equal((await send(new appflow.StartFlowCommand({ flowName: scheduled }))).flowStatus, "Active");
assert.equal((await send(new appflow.StopFlowCommand({ flowName: scheduled }))).flowStatus, "Suspended");

check("TagResource, ListTagsForResource, UntagResource");
await send(new appflow.TagResourceCommand({ resourceArn: created.flowArn, tags: { env: "test", owner: "sdk" } }));
assert.deepEqual((await send(new appflow.ListTagsForResourceCommand({ resourceArn: created.flowArn }))).tags, { env: "test", owner: "sdk", team: "data" });
await send(new appflow.UntagResourceCommand({ resourceArn: created.flowArn, tagKeys: ["team", "owner"] }));
assert.deepEqual((await send(new appflow.ListTagsForResourceCommand({ resourceArn: created.flowArn }))).tags, { env: "test" });

check("Connector profiles: create (CustomConnector, label Http), describe, update, delete");
const profileName = `${prefix}-sdk-profile`;
const profileConfig = (baseUrl) => ({
  connectorProfileProperties: { CustomConnector: { profileProperties: { baseUrl } } },
  connectorProfileCredentials: { CustomConnector: { authenticationType: "CUSTOM", custom: { customAuthenticationType: "bearer", credentialsMap: { bearerToken: "not-a-real-token" } } } },
});
const profile = await send(new appflow.CreateConnectorProfileCommand({
  connectorProfileName: profileName, connectorType: "CustomConnector", connectorLabel: "Http", connectionMode: "Public", connectorProfileConfig: profileConfig("http://127.0.0.1:9/api"),
}));
assert.match(profile.connectorProfileArn, new RegExp(`:connectorprofile/${profileName}$`));
await send(new appflow.UpdateConnectorProfileCommand({ connectorProfileName: profileName, connectionMode: "Public", connectorProfileConfig: profileConfig("http://127.0.0.1:9/v2") }));
const profiles = await send(new appflow.DescribeConnectorProfilesCommand({ connectorProfileNames: [profileName] }));
assert.equal(profiles.connectorProfileDetails.length, 1);
const [detail] = profiles.connectorProfileDetails;
assert.equal(detail.connectorType, "CustomConnector");
assert.equal(detail.connectorLabel, "Http");
assert.deepEqual(detail.connectorProfileProperties.CustomConnector.profileProperties, { baseUrl: "http://127.0.0.1:9/v2" });
assert.ok(!JSON.stringify(profiles).includes("not-a-real-token"), "a credential came back");
await send(new appflow.DeleteConnectorProfileCommand({ connectorProfileName: profileName }));
assert.equal((await send(new appflow.DescribeConnectorProfilesCommand({ connectorProfileNames: [profileName] }))).connectorProfileDetails.length, 0);

check("DescribeConnectors, DescribeConnector, ListConnectors");
const connectors = await send(new appflow.DescribeConnectorsCommand({}));
assert.ok(connectors.connectorConfigurations.S3.canUseAsSource);
assert.ok(connectors.connectors.some((c) => c.connectorType === "CustomConnector" && c.connectorLabel === "LocalFolder"));
const postgres = await send(new appflow.DescribeConnectorCommand({ connectorType: "CustomConnector", connectorLabel: "Postgres" }));
assert.equal(postgres.connectorConfiguration.connectorLabel, "Postgres");
const listedConnectors = await send(new appflow.ListConnectorsCommand({}));
assert.ok(listedConnectors.connectors.some((c) => c.connectorLabel === "Http"));

check("ListConnectorEntities and DescribeConnectorEntity on LocalFolder");
const entities = await send(new appflow.ListConnectorEntitiesCommand({ connectorType: "LocalFolder" }));
assert.ok(Object.values(entities.connectorEntityMap).flat().some((entity) => entity.name === input), JSON.stringify(entities.connectorEntityMap));
const fields = await send(new appflow.DescribeConnectorEntityCommand({ connectorType: "LocalFolder", connectorEntityName: input }));
assert.deepEqual(fields.connectorEntityFields.map((field) => field.identifier).sort(), ["amount", "customer"]);

check("ResetConnectorMetadataCache answers; the Lambda-connector operations are unsupported");
await send(new appflow.ResetConnectorMetadataCacheCommand({ connectorType: "LocalFolder" }));
await expectError("UnsupportedOperationException", send(new appflow.RegisterConnectorCommand({ connectorLabel: "x" })));
await expectError("UnsupportedOperationException", send(new appflow.UnregisterConnectorCommand({ connectorLabel: "x" })));
await expectError("UnsupportedOperationException", send(new appflow.UpdateConnectorRegistrationCommand({ connectorLabel: "x" })));

check("Error names");
await expectError("ResourceNotFoundException", send(new appflow.DescribeFlowCommand({ flowName: `${prefix}_missing` })));
await expectError("ValidationException", send(new appflow.CreateFlowCommand({ ...definition(`${prefix}_bad`, { triggerType: "Sometimes" }) })));
await expectError("ConflictException", send(new appflow.CreateFlowCommand(definition(onDemand, { triggerType: "OnDemand" }))));
await expectError("UnsupportedOperationException", send(new appflow.StopFlowCommand({ flowName: onDemand })));
await expectError("AccessDeniedException", send(new appflow.StartFlowCommand({ flowName: onDemand }), reader));
await expectError("UnrecognizedClientException", send(new appflow.ListFlowsCommand({}), clientFor("AKUNKNOWN00000000000", "whatever-secret-0123456789")));
await expectError("InvalidSignatureException", send(new appflow.ListFlowsCommand({}), clientFor(env("FLOWGRAINS_ADMIN_KEY"), "not-the-secret-0123456789abc")));
const expired = await expectError("InvalidSignatureException", send(new appflow.ListFlowsCommand({}), clientFor(env("FLOWGRAINS_ADMIN_KEY"), env("FLOWGRAINS_ADMIN_SECRET"), { systemClockOffset: -20 * 60_000 })));
assert.match(expired.message, /15 minutes/);
await expectError("MissingAuthenticationTokenException", send(new appflow.ListFlowsCommand({}), tampered((headers) => { delete headers.authorization; })));
await expectError("IncompleteSignatureException", send(new appflow.ListFlowsCommand({}), tampered((headers) => { headers.authorization = headers.authorization.replace(/, *Signature=[0-9a-f]+/, ""); })));
assert.equal((await send(new appflow.ListFlowsCommand({}), reader)).flows.length >= 2, true);

check("DeleteFlow");
await send(new appflow.DeleteFlowCommand({ flowName: onDemand, forceDelete: true }));
await send(new appflow.DeleteFlowCommand({ flowName: scheduled }));
await expectError("ResourceNotFoundException", send(new appflow.DescribeFlowCommand({ flowName: onDemand })));

console.log("sdk: every step passed");
