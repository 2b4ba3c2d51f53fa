package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks of CloudFormationTemplateTest can fail: each broken copy of the template is caught.
 */
class TemplateCheckFailsTest {

  @Test
  void theUnchangedTemplateHasNoProblems() throws IOException {
    assertThat(problemsAfter(t -> {})).isEmpty();
  }

  @Test
  void missingRequiredProperty() throws IOException {
    assertThat(problemsAfter(t -> properties(t, "Connector").remove("KafkaConnectVersion")))
        .containsExactly(
            "Connector.Properties: required property 'KafkaConnectVersion' is missing");
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "KafkaCluster", "ApacheKafkaCluster", "Vpc")
                        .remove("Subnets")))
        .containsExactly(
            "Connector.Properties.KafkaCluster.ApacheKafkaCluster.Vpc: required"
                + " property 'Subnets' is missing");
  }

  @Test
  void wrongEnumValue() throws IOException {
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "KafkaClusterEncryptionInTransit")
                        .put("EncryptionType", "SSL")))
        .singleElement()
        .asString()
        .startsWith(
            "Connector.Properties.KafkaClusterEncryptionInTransit.EncryptionType: 'SSL'"
                + " is not one of the enum values");
    assertThat(problemsAfter(t -> properties(t, "Plugin").put("ContentType", "TAR")))
        .singleElement()
        .asString()
        .contains("Plugin.Properties.ContentType: 'TAR'");
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "Capacity", "ProvisionedCapacity")
                        .put("McuCount", 3)))
        .singleElement()
        .asString()
        .contains("McuCount: '3' is not one of the enum values");
  }

  @Test
  void unknownProperty() throws IOException {
    assertThat(problemsAfter(t -> properties(t, "TableBucket").put("Maintenance", "on")))
        .containsExactly(
            "TableBucket.Properties.Maintenance: property not in the schema"
                + " (additionalProperties is false)");
    assertThat(
            problemsAfter(
                t -> map(properties(t, "TableBucket"), "UnreferencedFileRemoval").put("Days", 3)))
        .containsExactly(
            "TableBucket.Properties.UnreferencedFileRemoval.Days: property not in"
                + " the schema (additionalProperties is false)");
    assertThat(problemsAfter(t -> properties(t, "ControlTopic").put("Partitions", 1)))
        .singleElement()
        .asString()
        .contains("ControlTopic.Properties.Partitions");
  }

  @Test
  void wrongTypesAndBounds() throws IOException {
    assertThat(problemsAfter(t -> properties(t, "ControlTopic").put("PartitionCount", "one")))
        .containsExactly(
            "ControlTopic.Properties.PartitionCount: expected integer, got String one");
    assertThat(problemsAfter(t -> properties(t, "ControlTopic").put("PartitionCount", 0)))
        .containsExactly("ControlTopic.Properties.PartitionCount: 0.0 is below the minimum 1");
    assertThat(
            problemsAfter(
                t ->
                    map(
                            properties(t, "Connector"),
                            "LogDelivery",
                            "WorkerLogDelivery",
                            "CloudWatchLogs")
                        .put("Enabled", List.of(true))))
        .singleElement()
        .asString()
        .contains("CloudWatchLogs.Enabled: expected boolean");
    assertThat(problemsAfter(t -> properties(t, "Connector").put("ConnectorName", "")))
        .singleElement()
        .asString()
        .contains("ConnectorName length: 0.0 is below the minimum 1");
    assertThat(problemsAfter(t -> properties(t, "Connector").put("Plugins", List.of())))
        .singleElement()
        .asString()
        .contains("Plugins item count: 0.0 is below the minimum 1");
    assertThat(
            problemsAfter(
                t ->
                    properties(t, "TablesNamespace")
                        .put("TableBucketARN", "arn:aws:s3:::not-a-table-bucket")))
        .singleElement()
        .asString()
        .contains("does not match");
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "ConnectorConfiguration")
                        .put("tasks.max", Map.of("count", 2))))
        .singleElement()
        .asString()
        .contains("ConnectorConfiguration.tasks.max: expected string");
  }

  @Test
  void oneOfAndReadOnly() throws IOException {
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "Capacity")
                        .put(
                            "AutoScaling",
                            Map.of(
                                "McuCount",
                                1,
                                "MinWorkerCount",
                                1,
                                "MaxWorkerCount",
                                2,
                                "ScaleInPolicy",
                                Map.of("CpuUtilizationPercentage", 20),
                                "ScaleOutPolicy",
                                Map.of("CpuUtilizationPercentage", 80)))))
        .singleElement()
        .asString()
        .contains("Capacity: must match exactly one of");
    assertThat(
            problemsAfter(
                t ->
                    properties(t, "TableBucket")
                        .put(
                            "TableBucketARN",
                            "arn:aws:s3tables:eu-west-1:111122223333:bucket/telemetry")))
        .containsExactly("TableBucket.Properties.TableBucketARN: read-only, set by CloudFormation");
  }

  @Test
  void intrinsicBranchesAreChecked() throws IOException {
    assertThat(
            problemsAfter(
                t -> {
                  map(t, "Conditions").put("Tls", Map.of("Fn::Equals", List.of("a", "a")));
                  map(properties(t, "Connector"), "KafkaClusterEncryptionInTransit")
                      .put("EncryptionType", Map.of("Fn::If", List.of("Tls", "TLS", "SSL")));
                }))
        .singleElement()
        .asString()
        .contains("'SSL' is not one of the enum values");
  }

  @Test
  void danglingReferences() throws IOException {
    assertThat(
            problemsAfter(
                t -> properties(t, "Connector").put("ConnectorName", Map.of("Ref", "Name"))))
        .containsExactly(
            "Connector.Properties.ConnectorName: names no parameter or resource: Name");
    assertThat(
            problemsAfter(
                t ->
                    properties(t, "ControlTopic")
                        .put("TopicName", Map.of("Fn::Sub", "${Connector}-${Missing}"))))
        .containsExactly(
            "ControlTopic.Properties.TopicName: names no parameter or resource: Missing");
    assertThat(
            problemsAfter(
                t ->
                    properties(t, "TablesNamespace")
                        .put(
                            "TableBucketARN", Map.of("Fn::GetAtt", List.of("TableBucket", "Arn")))))
        .singleElement()
        .asString()
        .contains("AWS::S3Tables::TableBucket has no attribute Arn");
    assertThat(problemsAfter(t -> resource(t, "Connector").put("DependsOn", List.of("Topic"))))
        .containsExactly("Connector: DependsOn names no resource: Topic");
    assertThat(
            problemsAfter(
                t -> resource(t, "Connector").put("DependsOn", List.of("TablesNamespace"))))
        .singleElement()
        .asString()
        .contains("refers to TablesNamespace, which exists only if" + " CreateTables");
    assertThat(
            problemsAfter(
                t ->
                    map(properties(t, "Connector"), "ConnectorConfiguration")
                        .put(
                            "iceberg.catalog.warehouse",
                            Map.of("Fn::GetAtt", List.of("TableBucket", "TableBucketARN")))))
        .singleElement()
        .asString()
        .contains("refers to TableBucket");
    assertThat(problemsAfter(t -> resource(t, "TableBucket").put("Condition", "Tables")))
        .contains("TableBucket: Condition names no condition: Tables");
    assertThat(problemsAfter(t -> resource(t, "Connector").put("DeletionPolicy", "Keep")))
        .singleElement()
        .asString()
        .startsWith("Connector: DeletionPolicy Keep is not one of");
  }

  private static List<String> problemsAfter(Consumer<Map<String, Object>> mutation)
      throws IOException {
    Map<String, Object> template = CfnYaml.load(CloudFormationTemplateTest.TEMPLATE);
    mutation.accept(template);
    return TemplateCheck.problems(template);
  }

  private static Map<String, Object> resource(Map<String, Object> template, String name) {
    return TemplateCheck.resources(template).get(name);
  }

  private static Map<String, Object> properties(Map<String, Object> template, String name) {
    return map(resource(template, name), "Properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> root, String... keys) {
    Map<String, Object> node = root;
    for (String key : keys) {
      node = (Map<String, Object>) node.get(key);
    }
    return node;
  }
}
