#!/usr/bin/env bash
# Deploys, tests, watches and removes otlp-iceberg on Amazon MSK Connect (cloudformation.yaml).
# Run with --help for the commands and settings; README-deploy.md walks through them.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TEMPLATE="$SCRIPT_DIR/cloudformation.yaml"
PROG="$(basename "$0")"

# Settings: environment variables, overridden by the flags of the same meaning.
STACK_NAME="${OTLP_STACK_NAME:-otlp-iceberg}"
CONNECTOR_NAME="${CONNECTOR_NAME:-otlp-iceberg}"
MSK_CLUSTER_ARN="${MSK_CLUSTER_ARN:-}"
MSK_BOOTSTRAP_BROKERS="${MSK_BOOTSTRAP_BROKERS:-}"
SUBNET_IDS="${SUBNET_IDS:-}"
SECURITY_GROUP_IDS="${SECURITY_GROUP_IDS:-}"
PLUGIN_BUCKET="${PLUGIN_BUCKET:-}"
PLUGIN_ZIP="${PLUGIN_ZIP:-}"
TABLE_BUCKET="${TABLE_BUCKET:-}"
NAMESPACE="${NAMESPACE:-otel}"
TRACES_TOPIC="${TRACES_TOPIC:-otlp_spans}"
LOGS_TOPIC="${LOGS_TOPIC:-otlp_logs}"
METRICS_TOPIC="${METRICS_TOPIC:-otlp_metrics}"
DLQ_TOPIC="${DLQ_TOPIC:-otlp_dlq}"
SOURCE_PARTITIONS="${SOURCE_PARTITIONS:-2}"
TOPIC_REPLICATION_FACTOR="${TOPIC_REPLICATION_FACTOR:-3}"
MCU_COUNT="${MCU_COUNT:-1}"
WORKER_COUNT="${WORKER_COUNT:-1}"
ATHENA_OUTPUT="${ATHENA_OUTPUT:-}"
ATHENA_WORKGROUP="${ATHENA_WORKGROUP:-primary}"
TEST_TIMEOUT_SECONDS="${TEST_TIMEOUT_SECONDS:-900}"
KAFKA_HOME="${KAFKA_HOME:-}"
MSK_IAM_AUTH_JAR="${MSK_IAM_AUTH_JAR:-}"
SAMPLES_DIR="${OTLP_SAMPLES_DIR:-$REPO_ROOT/converters/src/test/resources/samples}"
LOGS_SINCE="${LOGS_SINCE:-1h}"
LOGS_FOLLOW=1
WORK_DIR=""
PURGE_TABLES=0
ASSUME_YES=0

usage() {
  cat <<EOF
Usage: $PROG <command> [options]

Commands:
  deploy   build the plugin ZIP (or use --plugin-zip), upload it to S3, deploy the stack
           (table bucket, namespace, control and DLQ topics, IAM role, plugin, connector)
  test     send the OTLP samples to the topics over IAM, then query Athena until the rows appear
  logs     tail the connector's CloudWatch log group
  status   show the stack status and the connector state
  delete   delete the stack (the table bucket is retained; --purge-tables removes it too)
  help     show this help (also -h, --help)

Options (environment variable in brackets):
  --stack-name NAME          CloudFormation stack [OTLP_STACK_NAME] (default otlp-iceberg)
  --region REGION            AWS region [AWS_REGION / AWS_DEFAULT_REGION / CLI profile]
  --connector-name NAME      connector name; prefixes its control topic and groups [CONNECTOR_NAME]
  --cluster-arn ARN          MSK cluster with IAM auth [MSK_CLUSTER_ARN]            (deploy)
  --bootstrap-brokers LIST   IAM brokers, host:9098,... [MSK_BOOTSTRAP_BROKERS]
                             (default: aws kafka get-bootstrap-brokers)             (deploy)
  --subnets IDS              comma-separated subnets [SUBNET_IDS] (default: the brokers')
  --security-groups IDS      comma-separated security groups [SECURITY_GROUP_IDS] (default: the brokers')
  --plugin-bucket NAME       S3 bucket for the plugin ZIP [PLUGIN_BUCKET]           (deploy)
  --plugin-zip FILE          a built plugin ZIP; without it deploy builds one with Maven [PLUGIN_ZIP]
  --table-bucket NAME        S3 table bucket to create [TABLE_BUCKET]                (deploy)
  --namespace NAME           namespace of the tables [NAMESPACE] (default otel)
  --traces-topic, --logs-topic, --metrics-topic, --dlq-topic NAME
                             [TRACES_TOPIC LOGS_TOPIC METRICS_TOPIC DLQ_TOPIC]
                             (defaults otlp_spans otlp_logs otlp_metrics otlp_dlq)
  --partitions N             partitions of each source topic = tasks.max [SOURCE_PARTITIONS] (default 2)
  --replication-factor N     of the control and DLQ topics [TOPIC_REPLICATION_FACTOR] (default 3)
  --mcu N                    MCUs per worker: 1, 2, 4 or 8 [MCU_COUNT] (default 1)
  --workers N                workers [WORKER_COUNT] (default 1)
  --athena-output S3URI      Athena query results location [ATHENA_OUTPUT]           (test)
  --athena-workgroup NAME    [ATHENA_WORKGROUP] (default primary)                    (test)
  --timeout SECONDS          how long test waits for the rows [TEST_TIMEOUT_SECONDS] (default 900)
  --kafka-home DIR           Apache Kafka distribution with bin/kafka-console-producer.sh [KAFKA_HOME] (test)
  --iam-auth-jar FILE        aws-msk-iam-auth-<version>-all.jar [MSK_IAM_AUTH_JAR]   (test)
  --since DURATION           logs: how far back to start (default 1h) [LOGS_SINCE]
  --no-follow                logs: print and exit instead of following
  --purge-tables             delete: also delete the tables, the namespace and the table bucket
  --yes                      delete: do not ask for confirmation

Typical run:
  $PROG deploy --cluster-arn arn:aws:kafka:... --plugin-bucket my-plugins --table-bucket telemetry
  $PROG test --athena-output s3://my-athena-results/otlp-iceberg/
EOF
}

die() {
  echo "$PROG: error: $*" >&2
  exit 1
}

note() {
  echo "==> $*" >&2
}

next_step() {
  echo
  echo "Next: $*"
}

need_cmd() {
  local cmd="$1" hint="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found on PATH. $hint"
}

need_value() {
  local value="$1" flag="$2" var="$3"
  [[ -n "$value" ]] || die "$flag is required (or set $var)."
}

need_aws() {
  need_cmd aws "Install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
  # Fails fast on missing or expired credentials instead of half-way through a deployment.
  aws sts get-caller-identity --query Account --output text >/dev/null 2>&1 \
    || die "the AWS CLI has no valid credentials (aws sts get-caller-identity failed). Run 'aws configure' or 'aws sso login', or set AWS_PROFILE."
  if [[ -z "$(region)" ]]; then
    die "no AWS region: pass --region or set AWS_REGION."
  fi
}

region() {
  if [[ -n "${AWS_REGION:-}" ]]; then
    echo "$AWS_REGION"
  elif [[ -n "${AWS_DEFAULT_REGION:-}" ]]; then
    echo "$AWS_DEFAULT_REGION"
  else
    aws configure get region 2>/dev/null || true
  fi
}

# The stack's output or parameter of that key; fails with a hint when the stack is missing.
stack_output() {
  aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

stack_parameter() {
  aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
    --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue" --output text
}

need_stack() {
  aws cloudformation describe-stacks --stack-name "$STACK_NAME" >/dev/null 2>&1 \
    || die "stack '$STACK_NAME' not found in region $(region). Run '$PROG deploy' first, or pass --stack-name."
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -c1-64
  else
    shasum -a 256 "$1" | cut -c1-64
  fi
}

build_plugin_zip() {
  need_cmd java "Install a JDK 17 (the plugin is Java 17 bytecode), or pass --plugin-zip."
  note "building the plugin ZIP (./mvnw -B -q package -DskipTests) in $REPO_ROOT"
  (cd "$REPO_ROOT" && ./mvnw -B -q package -DskipTests -pl connector -am)
  local zip
  zip="$(find "$REPO_ROOT/connector/target" -maxdepth 1 -name 'otlp-iceberg-connector-*.zip' | sort | tail -n 1)"
  [[ -n "$zip" ]] || die "the build produced no connector/target/otlp-iceberg-connector-*.zip"
  PLUGIN_ZIP="$zip"
}

cmd_deploy() {
  need_aws
  need_value "$MSK_CLUSTER_ARN" --cluster-arn MSK_CLUSTER_ARN
  need_value "$PLUGIN_BUCKET" --plugin-bucket PLUGIN_BUCKET
  need_value "$TABLE_BUCKET" --table-bucket TABLE_BUCKET
  [[ -f "$TEMPLATE" ]] || die "template not found: $TEMPLATE"

  if [[ -z "$MSK_BOOTSTRAP_BROKERS" ]]; then
    note "looking up the cluster's IAM bootstrap brokers"
    MSK_BOOTSTRAP_BROKERS="$(aws kafka get-bootstrap-brokers --cluster-arn "$MSK_CLUSTER_ARN" \
      --query BootstrapBrokerStringSaslIam --output text)"
    [[ -n "$MSK_BOOTSTRAP_BROKERS" && "$MSK_BOOTSTRAP_BROKERS" != "None" ]] \
      || die "the cluster has no IAM bootstrap brokers: enable IAM client authentication on it, or pass --bootstrap-brokers."
  fi
  # Without explicit networking the connector sits where the brokers are.
  if [[ -z "$SUBNET_IDS" ]]; then
    SUBNET_IDS="$(aws kafka describe-cluster --cluster-arn "$MSK_CLUSTER_ARN" \
      --query 'ClusterInfo.BrokerNodeGroupInfo.ClientSubnets' --output text | tr '\t' ',')"
    [[ -n "$SUBNET_IDS" && "$SUBNET_IDS" != "None" ]] || die "could not read the brokers' subnets; pass --subnets."
  fi
  if [[ -z "$SECURITY_GROUP_IDS" ]]; then
    SECURITY_GROUP_IDS="$(aws kafka describe-cluster --cluster-arn "$MSK_CLUSTER_ARN" \
      --query 'ClusterInfo.BrokerNodeGroupInfo.SecurityGroups' --output text | tr '\t' ',')"
    [[ -n "$SECURITY_GROUP_IDS" && "$SECURITY_GROUP_IDS" != "None" ]] || die "could not read the brokers' security groups; pass --security-groups."
  fi

  if [[ -z "$PLUGIN_ZIP" ]]; then
    build_plugin_zip
  fi
  [[ -f "$PLUGIN_ZIP" ]] || die "plugin ZIP not found: $PLUGIN_ZIP"

  # A custom plugin is immutable: the key carries the ZIP's hash, so a changed ZIP becomes a
  # new plugin (and a connector replacement) while an unchanged one leaves the stack alone.
  local base key
  base="$(basename "$PLUGIN_ZIP" .zip)"
  key="otlp-iceberg/$base-$(sha256 "$PLUGIN_ZIP" | cut -c1-12).zip"
  # Decide whether the stack creates the table bucket: keep an existing stack's choice; reuse a
  # bucket that exists already (e.g. retained by a deleted stack); otherwise create it.
  local create_bucket=true caller partition account
  caller="$(aws sts get-caller-identity --query Arn --output text)"
  partition="$(echo "$caller" | cut -d: -f2)"
  account="$(echo "$caller" | cut -d: -f5)"
  if aws cloudformation describe-stacks --stack-name "$STACK_NAME" >/dev/null 2>&1; then
    local stack_status current_key
    stack_status="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
      --query 'Stacks[0].StackStatus' --output text)"
    if [[ "$stack_status" == ROLLBACK_COMPLETE ]]; then
      die "stack $STACK_NAME failed to create (ROLLBACK_COMPLETE) and cannot be updated. See 'aws cloudformation describe-stack-events --stack-name $STACK_NAME', then run '$PROG delete --yes' and deploy again (a retained table bucket is reused)."
    fi
    current_key="$(stack_parameter PluginKey)"
    if [[ -n "$current_key" && "$current_key" != "$key" ]]; then
      die "the plugin ZIP changed ($current_key -> $key). MSK Connect cannot swap a connector's plugin, and CloudFormation cannot replace a connector that keeps its name: run '$PROG delete --yes', then '$PROG deploy' again. The table bucket is retained and reused, and the offsets in consumer group connect-$CONNECTOR_NAME stay in Kafka."
    fi
    [[ "$(stack_parameter CreateTableBucket)" == false ]] && create_bucket=false
  elif aws s3tables get-table-bucket \
      --table-bucket-arn "arn:$partition:s3tables:$(region):$account:bucket/$TABLE_BUCKET" >/dev/null 2>&1; then
    note "table bucket $TABLE_BUCKET exists already: the stack will use it, not create it"
    create_bucket=false
  fi

  note "uploading $PLUGIN_ZIP to s3://$PLUGIN_BUCKET/$key"
  aws s3 cp --only-show-errors "$PLUGIN_ZIP" "s3://$PLUGIN_BUCKET/$key"

  note "deploying stack $STACK_NAME in $(region) (the connector takes 10-20 minutes to start)"
  aws cloudformation deploy \
    --stack-name "$STACK_NAME" \
    --template-file "$TEMPLATE" \
    --capabilities CAPABILITY_IAM \
    --no-fail-on-empty-changeset \
    --parameter-overrides \
      "ConnectorName=$CONNECTOR_NAME" \
      "MskClusterArn=$MSK_CLUSTER_ARN" \
      "BootstrapBrokersIam=$MSK_BOOTSTRAP_BROKERS" \
      "SubnetIds=$SUBNET_IDS" \
      "SecurityGroupIds=$SECURITY_GROUP_IDS" \
      "PluginBucket=$PLUGIN_BUCKET" \
      "PluginKey=$key" \
      "TableBucketName=$TABLE_BUCKET" \
      "CreateTableBucket=$create_bucket" \
      "Namespace=$NAMESPACE" \
      "TracesTopic=$TRACES_TOPIC" \
      "LogsTopic=$LOGS_TOPIC" \
      "MetricsTopic=$METRICS_TOPIC" \
      "DlqTopicName=$DLQ_TOPIC" \
      "SourcePartitions=$SOURCE_PARTITIONS" \
      "TopicReplicationFactor=$TOPIC_REPLICATION_FACTOR" \
      "McuCount=$MCU_COUNT" \
      "WorkerCount=$WORKER_COUNT" \
    || die "stack deployment failed; see: aws cloudformation describe-stack-events --stack-name $STACK_NAME"

  show_status
  next_step "$PROG test --athena-output s3://<bucket>/<prefix>/   (sends samples, checks the rows in Athena)"
}

# The producer settings for IAM auth: the same four keys the connector gives its own clients.
write_client_properties() {
  cat >"$1" <<'EOF'
security.protocol=SASL_SSL
sasl.mechanism=AWS_MSK_IAM
sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
EOF
}

find_producer() {
  if [[ -n "$KAFKA_HOME" && -x "$KAFKA_HOME/bin/kafka-console-producer.sh" ]]; then
    echo "$KAFKA_HOME/bin/kafka-console-producer.sh"
  elif command -v kafka-console-producer.sh >/dev/null 2>&1; then
    command -v kafka-console-producer.sh
  elif command -v kafka-console-producer >/dev/null 2>&1; then
    command -v kafka-console-producer
  fi
}

# Runs one Athena query and prints the first row's columns, tab-separated.
athena_query() {
  local sql="$1" catalog="$2" id state
  # bash 3.2 (macOS) treats an empty array as unset under set -u: use a plain word list.
  local output=""
  if [[ -n "$ATHENA_OUTPUT" ]]; then
    output="OutputLocation=$ATHENA_OUTPUT"
  fi
  id="$(aws athena start-query-execution --work-group "$ATHENA_WORKGROUP" \
    ${output:+--result-configuration "$output"} \
    --query-execution-context "Catalog=$catalog,Database=$NAMESPACE" \
    --query-string "$sql" --query QueryExecutionId --output text)" || return 1
  # Callers use "athena_query ... || ...", where set -e does not apply: check every step.
  [[ -n "$id" ]] || return 1
  while true; do
    state="$(aws athena get-query-execution --query-execution-id "$id" \
      --query QueryExecution.Status.State --output text)" || return 1
    case "$state" in
      SUCCEEDED) break ;;
      FAILED | CANCELLED)
        echo "athena: $state: $(aws athena get-query-execution --query-execution-id "$id" \
          --query QueryExecution.Status.StateChangeReason --output text)" >&2
        return 1 ;;
      QUEUED | RUNNING) sleep 2 ;;
      *) echo "athena: unexpected query state '$state'" >&2; return 1 ;;
    esac
  done
  aws athena get-query-results --query-execution-id "$id" \
    --query 'ResultSet.Rows[1].Data[*].VarCharValue' --output text
}

# Sends the sample files to a topic, one record each, with service.name replaced by the marker.
send_samples() {
  local producer="$1" brokers="$2" topic="$3" marker="$4"
  shift 4
  local file
  for file in "$@"; do
    # One record per line: the samples are pretty-printed JSON (JSON has no raw newlines in strings).
    tr -d '\r\n' <"$SAMPLES_DIR/$file" | sed "s/\"my\\.service\"/\"$marker\"/"
    echo
  done | CLASSPATH="$MSK_IAM_AUTH_JAR${CLASSPATH:+:$CLASSPATH}" "$producer" \
    --bootstrap-server "$brokers" --topic "$topic" --producer.config "$WORK_DIR/client.properties"
}

cmd_test() {
  need_aws
  need_cmd java "The Kafka console producer needs a Java runtime."
  local producer
  producer="$(find_producer)"
  [[ -n "$producer" ]] || die "no Kafka console producer: set --kafka-home to an Apache Kafka 3.x distribution (https://kafka.apache.org/downloads) or put kafka-console-producer.sh on PATH."
  if [[ -z "$MSK_IAM_AUTH_JAR" && -n "$KAFKA_HOME" ]]; then
    MSK_IAM_AUTH_JAR="$(find "$KAFKA_HOME/libs" -maxdepth 1 -name 'aws-msk-iam-auth-*.jar' 2>/dev/null | head -n 1)"
  fi
  [[ -n "$MSK_IAM_AUTH_JAR" && -f "$MSK_IAM_AUTH_JAR" ]] \
    || die "the producer needs aws-msk-iam-auth for IAM auth: download aws-msk-iam-auth-<version>-all.jar from https://github.com/aws/aws-msk-iam-auth/releases and pass --iam-auth-jar (or put it in \$KAFKA_HOME/libs)."
  if [[ -z "$ATHENA_OUTPUT" && "$ATHENA_WORKGROUP" == "primary" ]]; then
    die "--athena-output s3://<bucket>/<prefix>/ is required (or --athena-workgroup with a configured result location)."
  fi
  for sample in trace logs events metrics; do
    [[ -f "$SAMPLES_DIR/$sample.json" ]] || die "sample $SAMPLES_DIR/$sample.json not found (set OTLP_SAMPLES_DIR)."
  done
  need_stack

  local brokers catalog traces logs metrics
  brokers="$(stack_parameter BootstrapBrokersIam)"
  traces="$(stack_parameter TracesTopic)"
  logs="$(stack_parameter LogsTopic)"
  metrics="$(stack_parameter MetricsTopic)"
  NAMESPACE="$(stack_output Namespace)"
  catalog="$(stack_output AthenaCatalog)"

  # A service name of this run's own: the counts below then see only these records.
  local marker
  marker="otlp-iceberg-test-$(date +%s)"
  WORK_DIR="$(mktemp -d)"
  trap 'rm -rf "$WORK_DIR"' EXIT
  write_client_properties "$WORK_DIR/client.properties"

  note "sending OTLP/JSON samples with service.name=$marker (this host must reach the brokers on 9098)"
  send_samples "$producer" "$brokers" "$traces" "$marker" trace.json \
    || die "could not produce to $traces: check network access to the brokers on 9098, and kafka-cluster:Connect/DescribeTopic/WriteData for your IAM principal."
  send_samples "$producer" "$brokers" "$logs" "$marker" logs.json events.json
  send_samples "$producer" "$brokers" "$metrics" "$marker" metrics.json

  # Expected rows per table, from the samples: 1 span; 2 log records (a log and an event);
  # one point each of a sum, a gauge, a histogram and an exponential histogram.
  local expected="traces=1 logs=2 metrics_sum=1 metrics_gauge=1 metrics_histogram=1 metrics_exponential_histogram=1"
  local deadline=$((SECONDS + TEST_TIMEOUT_SECONDS)) entry table want count pending
  note "waiting for the rows in Athena ($catalog, database $NAMESPACE); the connector commits every 60 s"
  while true; do
    pending=0
    for entry in $expected; do
      table="${entry%=*}"
      want="${entry#*=}"
      count="$(athena_query "SELECT count(*) FROM \"$table\" WHERE service_name = '$marker'" "$catalog" || echo "?")"
      echo "    $table: ${count:-?} of $want"
      [[ "$count" == "$want" ]] || pending=1
    done
    [[ $pending == 0 ]] && break
    if ((SECONDS > deadline)); then
      die "rows did not appear within $TEST_TIMEOUT_SECONDS s. Check '$PROG logs' and '$PROG status'. If Athena cannot see the catalog, integrate the table bucket with AWS analytics services and grant your principal Lake Formation access to $catalog."
    fi
    sleep 20
  done

  # Values, not just counts: decoded names, enums as proto names, ids as hex, bodies.
  local row
  row="$(athena_query "SELECT name, kind, length(trace_id), length(span_id) FROM traces WHERE service_name = '$marker'" "$catalog")" \
    || die "the traces query failed"
  [[ "$row" == "I'm a server span"$'\t'"SPAN_KIND_SERVER"$'\t'"32"$'\t'"16" ]] \
    || die "unexpected traces row: $row"
  row="$(athena_query "SELECT body, body_type FROM logs WHERE service_name = '$marker' AND coalesce(event_name, '') = ''" "$catalog")" \
    || die "the logs query failed"
  [[ "$row" == "Example log record"$'\t'"string" ]] || die "unexpected logs row: $row"
  row="$(athena_query "SELECT event_name, body_type FROM logs WHERE service_name = '$marker' AND coalesce(event_name, '') <> ''" "$catalog")" \
    || die "the events query failed"
  [[ "$row" == "browser.page_view"$'\t'"map" ]] || die "unexpected event row: $row"
  row="$(athena_query "SELECT metric_name FROM metrics_sum WHERE service_name = '$marker'" "$catalog")" \
    || die "the metrics_sum query failed"
  [[ "$row" == "my.counter" ]] || die "unexpected metrics_sum row: $row"
  echo "OK: every table has the sample's rows, with the expected values."
  next_step "$PROG logs   (or query: SELECT * FROM \"$catalog\".\"$NAMESPACE\".\"traces\" LIMIT 10)"
}

cmd_logs() {
  need_aws
  need_stack
  local group
  group="$(stack_output LogGroupName)"
  [[ -n "$group" && "$group" != "None" ]] || die "the stack has no LogGroupName output yet (status: $PROG status)."
  if [[ $LOGS_FOLLOW == 1 ]]; then
    note "tailing $group (Ctrl-C to stop)"
    aws logs tail "$group" --since "$LOGS_SINCE" --follow
  else
    aws logs tail "$group" --since "$LOGS_SINCE"
    next_step "$PROG status"
  fi
}

cmd_status() {
  need_aws
  need_stack
  show_status
  next_step "$PROG test   (or $PROG logs when the state is FAILED)"
}

show_status() {
  local stack_status connector_arn
  stack_status="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" \
    --query 'Stacks[0].StackStatus' --output text)"
  echo "stack $STACK_NAME: $stack_status"
  connector_arn="$(stack_output ConnectorArn)"
  if [[ -z "$connector_arn" || "$connector_arn" == "None" ]]; then
    echo "connector: not created (see: aws cloudformation describe-stack-events --stack-name $STACK_NAME)"
    return
  fi
  aws kafkaconnect describe-connector --connector-arn "$connector_arn" \
    --query '{name: connectorName, state: connectorState, version: kafkaConnectVersion, workers: capacity.provisionedCapacity.workerCount, stateDescription: stateDescription.message}' \
    --output table
  echo "table bucket: $(stack_output TableBucketArn)"
  echo "athena: $(stack_output AthenaCatalog) database $(stack_output Namespace)"
}

cmd_delete() {
  need_aws
  need_stack
  local bucket_arn namespace
  bucket_arn="$(stack_output TableBucketArn)"
  namespace="$(stack_output Namespace)"
  if [[ $ASSUME_YES != 1 ]]; then
    local what="stack $STACK_NAME"
    [[ $PURGE_TABLES == 1 ]] && what="$what AND every table in $bucket_arn"
    read -r -p "Delete $what? [y/N] " answer
    [[ "$answer" == y || "$answer" == Y ]] || die "not confirmed; nothing deleted."
  fi
  note "deleting stack $STACK_NAME"
  aws cloudformation delete-stack --stack-name "$STACK_NAME"
  aws cloudformation wait stack-delete-complete --stack-name "$STACK_NAME" \
    || die "stack deletion failed; see: aws cloudformation describe-stack-events --stack-name $STACK_NAME"
  echo "stack deleted. The plugin ZIP stays in s3://<plugin bucket>/otlp-iceberg/."

  # The table bucket and namespace are retained (DeletionPolicy: Retain): S3 Tables refuses to
  # delete a bucket that still has tables, and the data should not go with the connector.
  if [[ -z "$bucket_arn" || "$bucket_arn" == None ]]; then
    next_step "nothing; the stack had no outputs (it never finished creating): '$PROG deploy' to start over"
    return
  fi
  if [[ $PURGE_TABLES != 1 ]]; then
    cat <<EOF
The table bucket $bucket_arn and its tables are kept (S3 Tables deletes a bucket only
once it is empty). To remove them, delete the tables, then the namespace, then the bucket
(next time, '$PROG delete --purge-tables' does this after deleting the stack):
  aws s3tables list-tables --table-bucket-arn $bucket_arn --namespace $namespace --query 'tables[].name' --output text
  aws s3tables delete-table --table-bucket-arn $bucket_arn --namespace $namespace --name <table>   # each table
  aws s3tables delete-namespace --table-bucket-arn $bucket_arn --namespace $namespace
  aws s3tables delete-table-bucket --table-bucket-arn $bucket_arn
EOF
    next_step "nothing; '$PROG deploy' with the same --table-bucket reuses the kept bucket and tables"
    return
  fi
  local table
  for table in $(aws s3tables list-tables --table-bucket-arn "$bucket_arn" --namespace "$namespace" \
      --query 'tables[].name' --output text); do
    note "deleting table $namespace.$table"
    aws s3tables delete-table --table-bucket-arn "$bucket_arn" --namespace "$namespace" --name "$table"
  done
  note "deleting namespace $namespace and table bucket $bucket_arn"
  aws s3tables delete-namespace --table-bucket-arn "$bucket_arn" --namespace "$namespace"
  aws s3tables delete-table-bucket --table-bucket-arn "$bucket_arn"
  next_step "nothing; everything the stack created is gone (the plugin ZIP stays in S3)"
}

main() {
  local command="${1:-}"
  if [[ $# -gt 0 ]]; then
    shift
  fi
  while [[ $# -gt 0 ]]; do
    local flag="$1"
    case "$flag" in
      --no-follow) LOGS_FOLLOW=0; shift; continue ;;
      --purge-tables) PURGE_TABLES=1; shift; continue ;;
      --yes) ASSUME_YES=1; shift; continue ;;
      -h | --help) usage; exit 0 ;;
    esac
    [[ $# -ge 2 ]] || { echo "$PROG: $flag needs a value" >&2; exit 2; }
    case "$flag" in
      --stack-name) STACK_NAME="$2" ;;
      --region) export AWS_REGION="$2" AWS_DEFAULT_REGION="$2" ;;
      --connector-name) CONNECTOR_NAME="$2" ;;
      --cluster-arn) MSK_CLUSTER_ARN="$2" ;;
      --bootstrap-brokers) MSK_BOOTSTRAP_BROKERS="$2" ;;
      --subnets) SUBNET_IDS="$2" ;;
      --security-groups) SECURITY_GROUP_IDS="$2" ;;
      --plugin-bucket) PLUGIN_BUCKET="$2" ;;
      --plugin-zip) PLUGIN_ZIP="$2" ;;
      --table-bucket) TABLE_BUCKET="$2" ;;
      --namespace) NAMESPACE="$2" ;;
      --traces-topic) TRACES_TOPIC="$2" ;;
      --logs-topic) LOGS_TOPIC="$2" ;;
      --metrics-topic) METRICS_TOPIC="$2" ;;
      --dlq-topic) DLQ_TOPIC="$2" ;;
      --partitions) SOURCE_PARTITIONS="$2" ;;
      --replication-factor) TOPIC_REPLICATION_FACTOR="$2" ;;
      --mcu) MCU_COUNT="$2" ;;
      --workers) WORKER_COUNT="$2" ;;
      --athena-output) ATHENA_OUTPUT="$2" ;;
      --athena-workgroup) ATHENA_WORKGROUP="$2" ;;
      --timeout) TEST_TIMEOUT_SECONDS="$2" ;;
      --kafka-home) KAFKA_HOME="$2" ;;
      --iam-auth-jar) MSK_IAM_AUTH_JAR="$2" ;;
      --since) LOGS_SINCE="$2" ;;
      *) echo "$PROG: unknown option $flag (see $PROG --help)" >&2; exit 2 ;;
    esac
    shift 2
  done

  case "$command" in
    deploy) cmd_deploy ;;
    test) cmd_test ;;
    logs) cmd_logs ;;
    status) cmd_status ;;
    delete) cmd_delete ;;
    help | -h | --help) usage ;;
    "") usage >&2; exit 2 ;;
    *) echo "$PROG: unknown command '$command' (see $PROG --help)" >&2; exit 2 ;;
  esac
}

main "$@"
