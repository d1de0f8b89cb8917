#!/usr/bin/env bash
# A flow's whole life through FlowGrains' AWS wire with the AWS CLI, unchanged: only --endpoint-url
# points at FlowGrains. Exits non-zero at the first broken expectation, saying which.
#
# Environment: FLOWGRAINS_AWS_ENDPOINT (http://127.0.0.1:PORT/aws), FLOWGRAINS_ADMIN_KEY / _SECRET,
# FLOWGRAINS_READER_KEY / _SECRET, FLOWGRAINS_PREFIX (makes names unique), FLOWGRAINS_INPUT_FOLDER
# (a LocalFolder path under the host's data root holding one CSV file with columns customer,amount),
# and AWS_CLI (the aws command; default: aws on PATH).
set -euo pipefail

: "${FLOWGRAINS_AWS_ENDPOINT:?}" "${FLOWGRAINS_ADMIN_KEY:?}" "${FLOWGRAINS_ADMIN_SECRET:?}" "${FLOWGRAINS_READER_KEY:?}"
: "${FLOWGRAINS_READER_SECRET:?}" "${FLOWGRAINS_PREFIX:?}" "${FLOWGRAINS_INPUT_FOLDER:?}"
export AWS_ACCESS_KEY_ID="$FLOWGRAINS_ADMIN_KEY" AWS_SECRET_ACCESS_KEY="$FLOWGRAINS_ADMIN_SECRET"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_MAX_ATTEMPTS=1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws_cli="${AWS_CLI:-aws}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

appflow() { "$aws_cli" appflow "$@" --endpoint-url "$FLOWGRAINS_AWS_ENDPOINT" --output text; }
step() { echo "cli: $*"; }
fail() { echo "cli: FAILED: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }
# expect_error NAME command…: the command fails, and the CLI names the error NAME.
expect_error() {
  local name="$1"; shift
  if "$@" >"$work/out" 2>"$work/err"; then fail "expected $name from: $*"; fi
  grep -q "($name)" "$work/err" || fail "expected $name from: $*; got: $(cat "$work/err")"
}

on_demand="${FLOWGRAINS_PREFIX}_cli_ondemand"
scheduled="${FLOWGRAINS_PREFIX}_cli_scheduled"
flow_json() { # name trigger-json
  cat <<EOF
{"flowName": "$1", "description": "made by the AWS CLI", "triggerConfig": $2,
 "sourceFlowConfig": {"connectorType": "CustomConnector", "sourceConnectorProperties": {"CustomConnector":
   {"entityName": "$FLOWGRAINS_INPUT_FOLDER", "customProperties": {"connectorLabel": "LocalFolder", "fileType": "CSV"}}}},
 "destinationFlowConfigList": [{"connectorType": "CustomConnector", "destinationConnectorProperties": {"CustomConnector":
   {"entityName": "$1-out", "customProperties": {"connectorLabel": "LocalFolder", "fileType": "JSON"}}}}],
 "tasks": [{"sourceFields": ["customer", "amount"], "taskType": "Filter", "connectorOperator": {"CustomConnector": "PROJECTION"}},
           {"sourceFields": ["customer"], "taskType": "Map", "connectorOperator": {"CustomConnector": "NO_OP"}, "destinationField": "customer"},
           {"sourceFields": ["amount"], "taskType": "Map", "connectorOperator": {"CustomConnector": "NO_OP"}, "destinationField": "amount"}]}
EOF
}

step "create-flow OnDemand and Scheduled"
flow_json "$on_demand" '{"triggerType": "OnDemand"}' > "$work/ondemand.json"
flow_json "$scheduled" '{"triggerType": "Scheduled", "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(5 minutes)", "dataPullMode": "Complete"}}}' > "$work/scheduled.json"
expect "create-flow OnDemand" "$(appflow create-flow --cli-input-json "file://$work/ondemand.json" --tags team=data --query flowStatus)" "Active"
expect "create-flow Scheduled" "$(appflow create-flow --cli-input-json "file://$work/scheduled.json" --query flowStatus)" "Draft"

step "describe-flow returns the CustomConnector form it was given"
expect "source type" "$(appflow describe-flow --flow-name "$on_demand" --query sourceFlowConfig.connectorType)" "CustomConnector"
expect "source entity" "$(appflow describe-flow --flow-name "$on_demand" --query sourceFlowConfig.sourceConnectorProperties.CustomConnector.entityName)" "$FLOWGRAINS_INPUT_FOLDER"
expect "source label" "$(appflow describe-flow --flow-name "$on_demand" --query sourceFlowConfig.sourceConnectorProperties.CustomConnector.customProperties.connectorLabel)" "LocalFolder"
expect "tags" "$(appflow describe-flow --flow-name "$on_demand" --query tags.team)" "data"

step "list-flows with paging"
first_page="$(appflow list-flows --no-paginate --max-results 1 --query 'nextToken')"
[ -n "$first_page" ] && [ "$first_page" != "None" ] || fail "list-flows --max-results 1 gave no nextToken"
names="$(appflow list-flows --query 'flows[].flowName')"
[[ "$names" == *"$on_demand"* && "$names" == *"$scheduled"* ]] || fail "list-flows did not list both flows: $names"

step "update-flow"
sed 's/made by the AWS CLI/updated by the AWS CLI/' "$work/ondemand.json" > "$work/updated.json"
expect "update-flow" "$(appflow update-flow --cli-input-json "file://$work/updated.json" --query flowStatus)" "Active"
expect "updated description" "$(appflow describe-flow --flow-name "$on_demand" --query description)" "updated by the AWS CLI"

step "start-flow without a clientToken: two runs"
run1="$(appflow start-flow --flow-name "$on_demand" --query executionId)"
run2="$(appflow start-flow --flow-name "$on_demand" --query executionId)"
[ "$run1" != "$run2" ] || fail "two start-flow calls without a token gave the same execution $run1"

# Debian 12's AWS CLI (2.9.19) predates StartFlow's clientToken; where the CLI knows it, a replay is checked.
if "$aws_cli" appflow start-flow help 2>/dev/null | grep -q -- --client-token; then
  step "start-flow with a clientToken: a replay returns the same executionId"
  token="${FLOWGRAINS_PREFIX}-cli-token"
  run3="$(appflow start-flow --flow-name "$on_demand" --client-token "$token" --query executionId)"
  expect "replayed executionId" "$(appflow start-flow --flow-name "$on_demand" --client-token "$token" --query executionId)" "$run3"
else
  step "start-flow a third time (this CLI has no --client-token for start-flow)"
  run3="$(appflow start-flow --flow-name "$on_demand" --query executionId)"
fi

step "describe-flow-execution-records until the three runs succeed"
for _ in $(seq 1 300); do
  statuses="$(appflow describe-flow-execution-records --flow-name "$on_demand" --query 'flowExecutions[].executionStatus')"
  [ "$statuses" = "$(printf 'Successful\tSuccessful\tSuccessful')" ] && break
  sleep 0.2
done
expect "run statuses" "$statuses" "$(printf 'Successful\tSuccessful\tSuccessful')"
expect "records of the third run" "$(appflow describe-flow-execution-records --flow-name "$on_demand" --query "flowExecutions[?executionId=='$run3'].executionResult.recordsProcessed")" "2"

# CancelFlowExecutions is newer than Debian 12's AWS CLI too.
if "$aws_cli" appflow help 2>/dev/null | grep -q cancel-flow-executions; then
  step "cancel-flow-executions of a finished run"
  expect "invalidExecutions" "$(appflow cancel-flow-executions --flow-name "$on_demand" --execution-ids "$run3" --query 'invalidExecutions[0]')" "$run3"
fi

step "start-flow and stop-flow of the Scheduled flow"
expect "activated" "$(appflow start-flow --flow-name "$scheduled" --query flowStatus)" "Active"
expect "stopped" "$(appflow stop-flow --flow-name "$scheduled" --query flowStatus)" "Suspended"

step "tag-resource, list-tags-for-resource, untag-resource"
arn="$(appflow describe-flow --flow-name "$on_demand" --query flowArn)"
appflow tag-resource --resource-arn "$arn" --tags env=test,owner=cli >/dev/null
expect "tags after tag-resource" "$(appflow list-tags-for-resource --resource-arn "$arn" --query 'tags.[env,owner,team]')" "$(printf 'test\tcli\tdata')"
appflow untag-resource --resource-arn "$arn" --tag-keys team owner >/dev/null
expect "tags after untag-resource" "$(appflow list-tags-for-resource --resource-arn "$arn" --query 'keys(tags)')" "env"

step "error names"
expect_error ResourceNotFoundException appflow describe-flow --flow-name "${FLOWGRAINS_PREFIX}_missing"
expect_error ValidationException appflow start-flow --flow-name "bad name!"
expect_error ConflictException appflow create-flow --cli-input-json "file://$work/ondemand.json"
expect_error UnsupportedOperationException appflow stop-flow --flow-name "$on_demand"
expect_error UnsupportedOperationException appflow register-connector --connector-label anything
AWS_ACCESS_KEY_ID="$FLOWGRAINS_READER_KEY" AWS_SECRET_ACCESS_KEY="$FLOWGRAINS_READER_SECRET" \
  expect_error AccessDeniedException appflow delete-flow --flow-name "$on_demand"
AWS_ACCESS_KEY_ID=AKUNKNOWN00000000000 expect_error UnrecognizedClientException appflow list-flows
AWS_SECRET_ACCESS_KEY=not-the-secret-0123456789abc expect_error InvalidSignatureException appflow list-flows
expect_error MissingAuthenticationTokenException appflow list-flows --no-sign-request
expect "a Reader lists" "$(AWS_ACCESS_KEY_ID="$FLOWGRAINS_READER_KEY" AWS_SECRET_ACCESS_KEY="$FLOWGRAINS_READER_SECRET" appflow describe-flow --flow-name "$on_demand" --query flowName)" "$on_demand"

step "delete-flow"
appflow delete-flow --flow-name "$on_demand" --force-delete >/dev/null
appflow delete-flow --flow-name "$scheduled" >/dev/null
expect_error ResourceNotFoundException appflow describe-flow --flow-name "$on_demand"

echo "cli: every step passed"
