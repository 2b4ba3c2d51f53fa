package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.config.ConfigValidation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config-examples/msk-connect/cloudformation.yaml cannot be deployed here, so this checks it
 * against the CloudFormation resource schemas (copied into src/test/resources/cfn-schemas/), its
 * own references, connector-configuration.json, and the IAM the connector's clients need.
 */
class CloudFormationTemplateTest {
  static final Path MSK_DIR =
      Path.of(System.getProperty("otlp.configExamples", "../config-examples"), "msk-connect");
  static final Path TEMPLATE = MSK_DIR.resolve("cloudformation.yaml");

  private static final String REGION = "eu-west-1";
  private static final String ACCOUNT = "111122223333";
  private static final String CLUSTER_ARN =
      "arn:aws:kafka:eu-west-1:111122223333:cluster/telemetry/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2";
  private static final String CLUSTER_PATH = "telemetry/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2";
  private static final String TABLE_BUCKET_ARN =
      "arn:aws:s3tables:eu-west-1:111122223333:bucket/telemetry";

  private static Map<String, Object> template;
  private static Map<String, String> example;
  private static TemplateEvaluator evaluator;

  @BeforeAll
  static void load() throws IOException {
    template = CfnYaml.load(TEMPLATE);
    example =
        new ObjectMapper()
            .readValue(
                MSK_DIR.resolve("connector-configuration.json").toFile(), new TypeReference<>() {});
    evaluator = new TemplateEvaluator(exampleParameterValues());
  }

  /**
   * Parameter values that describe the account, region, bucket and brokers of
   * connector-configuration.json; everything else at the template's defaults.
   */
  private static Map<String, String> exampleParameterValues() {
    Map<String, String> values = new HashMap<>();
    parameters()
        .forEach(
            (name, parameter) -> {
              if (parameter.containsKey("Default")) {
                values.put(name, String.valueOf(parameter.get("Default")));
              }
            });
    values.put("MskClusterArn", CLUSTER_ARN);
    values.put("BootstrapBrokersIam", example.get("iceberg.kafka.bootstrap.servers"));
    values.put("TableBucketName", "telemetry");
    values.put("PluginBucket", "plugins-111122223333");
    values.put("AWS::Region", REGION);
    values.put("AWS::AccountId", ACCOUNT);
    values.put("AWS::Partition", "aws");
    values.put("ConnectorLogGroup", "/msk-connect/otlp-iceberg");
    return values;
  }

  @Test
  void everyResourceMatchesItsSchemaAndEveryReferenceResolves() {
    assertThat(TemplateCheck.problems(template)).isEmpty();
    // No schema copies for these: the iamRole..., logGroup... and waitHandle... tests below
    // check them by hand.
    assertThat(TemplateCheck.unschemedTypes(template))
        .containsExactlyInAnyOrder(
            "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::CloudFormation::WaitConditionHandle");
    assertThat(TemplateCheck.resources(template).values())
        .extracting(r -> r.get("Type"))
        .contains(
            "AWS::S3Tables::TableBucket",
            "AWS::S3Tables::Namespace",
            "AWS::MSK::Topic",
            "AWS::KafkaConnect::CustomPlugin",
            "AWS::KafkaConnect::WorkerConfiguration",
            "AWS::KafkaConnect::Connector");
  }

  @Test
  void everyParameterIsUsed() {
    assertThat(TemplateReferences.usedNames(template)).containsAll(parameters().keySet());
  }

  /** A WaitConditionHandle takes no properties; here it only carries a conditional dependency. */
  @Test
  void waitHandleOrdersTheConnectorAfterTheTables() {
    Map<String, Object> handle = resource("TablesReady");
    assertThat(handle).doesNotContainKey("Properties");
    assertThat(handle.get("Metadata").toString()).contains("CreateTables", "TablesNamespace");
    assertThat(TemplateEvaluator.strings(resource("Connector").get("DependsOn")))
        .contains("TablesReady");
    assertThat(resource("TableBucket").get("Condition")).isEqualTo("CreateTables");
    assertThat(resource("TablesNamespace").get("Condition")).isEqualTo("CreateTables");
  }

  /** AWS::Logs::LogGroup has no schema copy: its properties are checked here by hand. */
  @Test
  void logGroupHasAValidRetention() {
    Map<String, Object> group = properties("ConnectorLogGroup");
    assertThat(group.keySet())
        .isSubsetOf(
            "LogGroupName",
            "RetentionInDays",
            "KmsKeyId",
            "DataProtectionPolicy",
            "LogGroupClass",
            "Tags",
            "FieldIndexPolicies",
            "DeletionProtectionEnabled");
    // The values PutRetentionPolicy accepts.
    Set<String> retentions =
        Set.of(
            "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545",
            "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653");
    assertThat(TemplateEvaluator.strings(parameters().get("LogRetentionDays").get("AllowedValues")))
        .isSubsetOf(retentions);
    assertThat(evaluator.text(group.get("LogGroupName"))).matches("[\\w#/.-]{1,512}");
  }

  /** AWS::IAM::Role has no schema copy: the policy document's shape is checked here by hand. */
  @Test
  void iamPolicyStatementsAreWellFormed() {
    Map<?, ?> document =
        (Map<?, ?>)
            ((Map<?, ?>) ((List<?>) properties("ServiceExecutionRole").get("Policies")).get(0))
                .get("PolicyDocument");
    Set<String> sids = new HashSet<>();
    for (Object item : (List<?>) document.get("Statement")) {
      Map<?, ?> statement = (Map<?, ?>) item;
      assertThat(TemplateEvaluator.strings(new ArrayList<>(statement.keySet())))
          .as(statement.toString())
          .isSubsetOf("Sid", "Effect", "Action", "Resource", "Condition");
      assertThat(sids.add((String) statement.get("Sid")))
          .as("unique Sid " + statement.get("Sid"))
          .isTrue();
      assertThat((String) statement.get("Sid")).matches("[A-Za-z0-9]+");
      assertThat(statement.get("Effect")).isEqualTo("Allow");
      for (String action : TemplateEvaluator.strings(statement.get("Action"))) {
        assertThat(IamActions.KNOWN).as("known IAM action").contains(action);
      }
      List<String> resources =
          TemplateEvaluator.strings(evaluator.evaluate(statement.get("Resource")));
      assertThat(resources).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("arn:aws:"));
    }
  }

  @Test
  void parameterDefaultsSatisfyTheirOwnConstraints() {
    Set<String> types =
        Set.of(
            "String",
            "Number",
            "List<AWS::EC2::Subnet::Id>",
            "List<AWS::EC2::SecurityGroup::Id>",
            "CommaDelimitedList");
    parameters()
        .forEach(
            (name, parameter) -> {
              assertThat(types).as(name).contains((String) parameter.get("Type"));
              assertThat(parameter.get("Description")).as(name + " Description").isNotNull();
              Object value = parameter.get("Default");
              if (value == null) {
                return;
              }
              if (parameter.get("AllowedPattern") instanceof String pattern) {
                assertThat(String.valueOf(value)).as(name).matches(pattern);
              }
              if (parameter.get("AllowedValues") instanceof List<?> allowed) {
                assertThat(TemplateEvaluator.strings(allowed))
                    .as(name)
                    .contains(String.valueOf(value));
              }
              if (parameter.get("MinValue") instanceof Number min) {
                assertThat(((Number) value).doubleValue())
                    .as(name)
                    .isGreaterThanOrEqualTo(min.doubleValue());
              }
              if (parameter.get("MaxValue") instanceof Number max) {
                assertThat(((Number) value).doubleValue())
                    .as(name)
                    .isLessThanOrEqualTo(max.doubleValue());
              }
            });
    assertThat(example.get("iceberg.kafka.bootstrap.servers"))
        .matches((String) parameters().get("BootstrapBrokersIam").get("AllowedPattern"));
    assertThat(CLUSTER_ARN)
        .matches((String) parameters().get("MskClusterArn").get("AllowedPattern"));
  }

  @Test
  void connectorConfigurationIsTheExampleWithItsValuesSubstituted() {
    Map<?, ?> configuration = (Map<?, ?>) connector().get("ConnectorConfiguration");
    assertThat(TemplateEvaluator.strings(new ArrayList<>(configuration.keySet())))
        .containsExactlyInAnyOrderElementsOf(example.keySet());

    Map<String, String> rendered = new HashMap<>();
    configuration.forEach((k, v) -> rendered.put((String) k, evaluator.text(v)));
    assertThat(rendered).isEqualTo(example);
  }

  /** What the stack hands MSK Connect is a configuration the connector's validation accepts. */
  @Test
  void renderedConfigurationPassesTheConnectorsValidation() {
    Map<String, String> config = new HashMap<>(example);
    config.put("name", "otlp-iceberg");
    List<String> errors =
        ConfigValidation.validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .map(ConfigValue::toString)
            .toList();
    assertThat(errors).isEmpty();
  }

  @Test
  void connectorRunsOnConnect37WithIamAndTls() {
    Map<String, Object> connector = connector();
    assertThat((String) connector.get("KafkaConnectVersion")).startsWith("3.7");
    assertThat(path(connector, "KafkaClusterClientAuthentication", "AuthenticationType"))
        .isEqualTo("IAM");
    assertThat(path(connector, "KafkaClusterEncryptionInTransit", "EncryptionType"))
        .isEqualTo("TLS");
    assertThat(path(connector, "Capacity", "ProvisionedCapacity")).isNotNull();
    assertThat(path(connector, "LogDelivery", "WorkerLogDelivery", "CloudWatchLogs", "Enabled"))
        .isEqualTo(true);
    assertThat(
            evaluator.text(
                path(connector, "LogDelivery", "WorkerLogDelivery", "CloudWatchLogs", "LogGroup")))
        .isEqualTo("/msk-connect/otlp-iceberg");
    assertThat(
            evaluator.text(
                path(connector, "KafkaCluster", "ApacheKafkaCluster", "BootstrapServers")))
        .isEqualTo(example.get("iceberg.kafka.bootstrap.servers"));
    // The topics and the namespace must exist before the connector's tasks start.
    assertThat(TemplateEvaluator.strings(resource("Connector").get("DependsOn")))
        .contains("ControlTopic", "DeadLetterTopic", "TablesReady");
  }

  @Test
  void topicsAreTheOnesTheConnectorUses() {
    Map<String, Object> control = properties("ControlTopic");
    assertThat(evaluator.text(control.get("TopicName")))
        .isEqualTo(example.get("iceberg.control.topic"));
    assertThat(control.get("PartitionCount")).isEqualTo(1);
    assertThat(topicConfigs(control)).containsKey("retention.ms");

    Map<String, Object> dlq = properties("DeadLetterTopic");
    assertThat(evaluator.text(dlq.get("TopicName")))
        .isEqualTo(example.get("errors.deadletterqueue.topic.name"));
    assertThat(evaluator.text(dlq.get("ReplicationFactor")))
        .isEqualTo(example.get("errors.deadletterqueue.topic.replication.factor"));
  }

  @Test
  void tableBucketRemovesUnreferencedFilesAndIsTheWarehouse() {
    Map<String, Object> bucket = properties("TableBucket");
    assertThat(path(bucket, "UnreferencedFileRemoval", "Status")).isEqualTo("Enabled");
    assertThat(evaluator.text(bucket.get("TableBucketName"))).isEqualTo("telemetry");
    assertThat(evaluator.text(properties("TablesNamespace").get("Namespace")))
        .isEqualTo(example.get("otlp.namespace"));
    assertThat(evaluator.text(outputs().get("AthenaCatalog")))
        .isEqualTo("s3tablescatalog/telemetry");
    assertThat(outputs()).containsKeys("TableBucketArn", "ConnectorArn", "LogGroupName");
  }

  @Test
  void workerConfigurationDefaultsToByteArrayConverters() throws IOException {
    Properties worker = new Properties();
    worker.load(
        new StringReader(
            evaluator.text(properties("WorkerConfiguration").get("PropertiesFileContent"))));
    assertThat(worker)
        .containsEntry("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    assertThat(worker)
        .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    // An idle task answers a commit request only at an offset flush: flush well within a commit.
    assertThat(Long.parseLong(worker.getProperty("offset.flush.interval.ms")))
        .isLessThan(Long.parseLong(example.get("iceberg.control.commit.interval-ms")));
  }

  /** AWS::IAM::Role has no schema copy: its shape is checked here by hand. */
  @Test
  void iamRoleIsAssumedByMskConnectOnly() {
    Map<String, Object> role = properties("ServiceExecutionRole");
    assertThat(role.keySet())
        .isSubsetOf(
            "AssumeRolePolicyDocument",
            "Description",
            "ManagedPolicyArns",
            "MaxSessionDuration",
            "Path",
            "PermissionsBoundary",
            "Policies",
            "RoleName",
            "Tags");
    Map<?, ?> trust = (Map<?, ?>) evaluator.evaluate(role.get("AssumeRolePolicyDocument"));
    assertThat(trust.get("Version")).isEqualTo("2012-10-17");
    List<?> statements = (List<?>) trust.get("Statement");
    assertThat(statements).hasSize(1);
    Map<?, ?> statement = (Map<?, ?>) statements.get(0);
    assertThat(statement.get("Principal"))
        .isEqualTo(Map.of("Service", "kafkaconnect.amazonaws.com"));
    assertThat(statement.get("Action")).isEqualTo("sts:AssumeRole");
    assertThat(statement.get("Condition").toString()).contains(ACCOUNT, "connector/otlp-iceberg/");
    for (Object policy : (List<?>) role.get("Policies")) {
      assertThat(((Map<?, ?>) policy).keySet()).hasToString("[PolicyName, PolicyDocument]");
    }
  }

  @Test
  void iamPolicyAllowsWhatTheConnectorsClientsDo() {
    IamPolicy policy = policy();
    String topic = "arn:aws:kafka:eu-west-1:111122223333:topic/" + CLUSTER_PATH + "/";
    String group = "arn:aws:kafka:eu-west-1:111122223333:group/" + CLUSTER_PATH + "/";
    String txn = "arn:aws:kafka:eu-west-1:111122223333:transactional-id/" + CLUSTER_PATH + "/";

    List<String[]> needed = new ArrayList<>();
    for (String action : List.of("Connect", "DescribeCluster", "WriteDataIdempotently")) {
      needed.add(new String[] {"kafka-cluster:" + action, CLUSTER_ARN});
    }
    for (String source : example.get("topics").split(",")) {
      needed.add(new String[] {"kafka-cluster:ReadData", topic + source});
      needed.add(new String[] {"kafka-cluster:DescribeTopic", topic + source});
    }
    for (String action : List.of("ReadData", "WriteData", "DescribeTopic")) {
      needed.add(
          new String[] {"kafka-cluster:" + action, topic + example.get("iceberg.control.topic")});
    }
    for (String action : List.of("WriteData", "DescribeTopic")) {
      needed.add(
          new String[] {
            "kafka-cluster:" + action, topic + example.get("errors.deadletterqueue.topic.name")
          });
    }
    String connectGroup = "connect-" + "otlp-iceberg";
    for (String groupId :
        List.of(
            connectGroup,
            connectGroup + "-coord",
            example.get("iceberg.control.group-id-prefix") + UUID.randomUUID())) {
      needed.add(new String[] {"kafka-cluster:AlterGroup", group + groupId});
      needed.add(new String[] {"kafka-cluster:DescribeGroup", group + groupId});
    }
    // The Iceberg sink's transactional ids: the prefix, then the worker's or coordinator's id.
    String prefix = example.get("iceberg.coordinator.transactional.prefix");
    for (String id :
        List.of(prefix + "worker-0-" + UUID.randomUUID(), prefix + "coordinator-txn")) {
      needed.add(new String[] {"kafka-cluster:DescribeTransactionalId", txn + id});
      needed.add(new String[] {"kafka-cluster:AlterTransactionalId", txn + id});
    }
    for (String action :
        List.of(
            "GetTableBucket",
            "ListNamespaces",
            "GetNamespace",
            "CreateNamespace",
            "ListTables",
            "CreateTable")) {
      needed.add(new String[] {"s3tables:" + action, TABLE_BUCKET_ARN});
    }
    for (String action :
        List.of(
            "GetTable",
            "GetTableMetadataLocation",
            "UpdateTableMetadataLocation",
            "GetTableData",
            "PutTableData")) {
      needed.add(new String[] {"s3tables:" + action, TABLE_BUCKET_ARN + "/table/0123-abcd"});
    }
    needed.add(
        new String[] {
          "logs:PutLogEvents",
          "arn:aws:logs:eu-west-1:111122223333:log-group:/msk-connect/otlp-iceberg:log-stream:w-1"
        });
    for (String[] pair : needed) {
      assertThat(policy.allows(pair[0], pair[1])).as(pair[0] + " on " + pair[1]).isTrue();
    }
  }

  @Test
  void iamPolicyIsScopedToThisConnector() {
    IamPolicy policy = policy();
    String topic = "arn:aws:kafka:eu-west-1:111122223333:topic/" + CLUSTER_PATH + "/";
    String group = "arn:aws:kafka:eu-west-1:111122223333:group/" + CLUSTER_PATH + "/";
    assertThat(policy.allows("kafka-cluster:ReadData", topic + "payments")).isFalse();
    assertThat(policy.allows("kafka-cluster:WriteData", topic + "otlp_spans")).isFalse();
    assertThat(policy.allows("kafka-cluster:CreateTopic", topic + "otlp_spans")).isFalse();
    assertThat(policy.allows("kafka-cluster:AlterGroup", group + "connect-other")).isFalse();
    assertThat(policy.allows("kafka-cluster:AlterCluster", CLUSTER_ARN)).isFalse();
    assertThat(
            policy.allows(
                "kafka-cluster:ReadData",
                "arn:aws:kafka:eu-west-1:111122223333:topic/other/0000/otlp_spans"))
        .isFalse();
    assertThat(policy.allows("s3tables:DeleteTable", TABLE_BUCKET_ARN + "/table/x")).isFalse();
    assertThat(
            policy.allows(
                "s3tables:GetTableData",
                "arn:aws:s3tables:eu-west-1:111122223333:bucket/other/table/x"))
        .isFalse();
    assertThat(policy.allows("s3:GetObject", "arn:aws:s3:::any/key")).isFalse();
    assertThat(
            policy.allows(
                "logs:PutLogEvents",
                "arn:aws:logs:eu-west-1:111122223333:log-group:/other:log-stream:s"))
        .isFalse();
  }

  private static IamPolicy policy() {
    List<?> policies = (List<?>) properties("ServiceExecutionRole").get("Policies");
    assertThat(policies).hasSize(1);
    Map<?, ?> document =
        (Map<?, ?>) evaluator.evaluate(((Map<?, ?>) policies.get(0)).get("PolicyDocument"));
    assertThat(document.get("Version")).isEqualTo("2012-10-17");
    return new IamPolicy(document);
  }

  private static Map<String, String> topicConfigs(Map<String, Object> topic) {
    Properties configs = new Properties();
    try {
      configs.load(new StringReader(evaluator.text(topic.get("Configs"))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> result = new HashMap<>();
    configs.forEach((k, v) -> result.put((String) k, (String) v));
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> parameters() {
    return (Map<String, Map<String, Object>>) template.get("Parameters");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> outputs() {
    Map<String, Object> values = new HashMap<>();
    ((Map<String, Map<String, Object>>) template.get("Outputs"))
        .forEach((k, v) -> values.put(k, v.get("Value")));
    return values;
  }

  private static Map<String, Object> resource(String name) {
    Map<String, Object> resource = TemplateCheck.resources(template).get(name);
    assertThat(resource).as(name).isNotNull();
    return resource;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(String name) {
    return (Map<String, Object>) resource(name).get("Properties");
  }

  private static Map<String, Object> connector() {
    return properties("Connector");
  }

  private static Object path(Map<String, Object> root, String... keys) {
    Object node = root;
    for (String key : keys) {
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return node;
  }
}
