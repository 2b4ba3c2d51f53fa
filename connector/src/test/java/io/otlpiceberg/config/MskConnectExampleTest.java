package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The IAM policy in config-examples/msk-connect grants what the connector configuration beside it
 * makes the Iceberg sink and Connect use: a renamed topic or prefix in one file and not the other
 * is an authorization failure only seen on AWS, so it is caught here.
 */
class MskConnectExampleTest {
  private static final Path DIR =
      Path.of(System.getProperty("otlp.configExamples", "../config-examples"))
          .resolve("msk-connect");
  private static final String CONNECTOR_NAME = "otlp-iceberg";

  private final Map<String, String> config = connectorConfiguration();
  private final JsonNode policy = json(DIR.resolve("iam-policy.json"));

  @Test
  void policyCoversEveryTopicTheConnectorTouches() {
    List<String> topics = new ArrayList<>(List.of(config.get("topics").split(",")));
    topics.add(config.get("iceberg.control.topic"));
    topics.add(config.get("errors.deadletterqueue.topic.name"));
    for (String topic : topics) {
      assertThat(resourcesFor("kafka-cluster:DescribeTopic"))
          .as(topic)
          .anyMatch(r -> r.endsWith(":topic/${ClusterName}/${ClusterUuid}/" + topic.trim()));
    }
    for (String topic : config.get("topics").split(",")) {
      assertThat(resourcesFor("kafka-cluster:ReadData"))
          .anyMatch(r -> r.endsWith("/" + topic.trim()));
    }
    String control = config.get("iceberg.control.topic");
    assertThat(resourcesFor("kafka-cluster:WriteData")).anyMatch(r -> r.endsWith("/" + control));
    assertThat(resourcesFor("kafka-cluster:ReadData")).anyMatch(r -> r.endsWith("/" + control));
  }

  @Test
  void policyScopesTheSinksGroupsAndTransactionalIds() {
    // Iceberg sink 1.12: worker groups are <group-id-prefix><uuid>, the coordinator's is
    // connect-<connector name>-coord, transactional ids <prefix>worker... / <prefix>coordinator...
    assertThat(resourcesFor("kafka-cluster:AlterGroup"))
        .anyMatch(r -> r.endsWith("/" + config.get("iceberg.control.group-id-prefix") + "*"))
        .anyMatch(r -> r.endsWith("/connect-" + CONNECTOR_NAME))
        .anyMatch(r -> r.endsWith("/connect-" + CONNECTOR_NAME + "-coord"));
    assertThat(resourcesFor("kafka-cluster:AlterTransactionalId"))
        .containsExactly(
            "arn:${Partition}:kafka:${Region}:${AccountId}:transactional-id/"
                + "${ClusterName}/${ClusterUuid}/"
                + config.get("iceberg.coordinator.transactional.prefix")
                + "*");
    assertThat(resourcesFor("kafka-cluster:DescribeTransactionalId"))
        .isEqualTo(resourcesFor("kafka-cluster:AlterTransactionalId"));
    assertThat(resourcesFor("kafka-cluster:WriteDataIdempotently"))
        .allMatch(r -> r.contains(":cluster/"));
  }

  @Test
  void policyLetsTheSinkCreateAndCommitS3Tables() {
    for (String action : List.of("s3tables:CreateNamespace", "s3tables:CreateTable")) {
      assertThat(resourcesFor(action))
          .as(action)
          .anyMatch(r -> r.endsWith(":bucket/${TableBucketName}"));
    }
    for (String action :
        List.of(
            "s3tables:GetTableMetadataLocation",
            "s3tables:UpdateTableMetadataLocation",
            "s3tables:GetTableData",
            "s3tables:PutTableData")) {
      assertThat(resourcesFor(action))
          .as(action)
          .anyMatch(r -> r.endsWith(":bucket/${TableBucketName}/table/*"));
    }
    assertThat(config.get("iceberg.catalog.warehouse")).startsWith("arn:aws:s3tables:");
  }

  @Test
  void workerConfigurationSetsByteArrayConverters() throws IOException {
    Properties worker = new Properties();
    try (Reader in = Files.newBufferedReader(DIR.resolve("worker-configuration.properties"))) {
      worker.load(in);
    }
    assertThat(worker)
        .containsEntry("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
        .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
  }

  /** Every resource of the Allow statements that grant this action. */
  private List<String> resourcesFor(String action) {
    List<String> resources = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      boolean grants = false;
      for (JsonNode a : asArray(statement.path("Action"))) {
        grants |= a.asText().equals(action);
      }
      if (grants) {
        asArray(statement.path("Resource")).forEach(r -> resources.add(r.asText()));
      }
    }
    assertThat(resources).as("an Allow statement for " + action).isNotEmpty();
    return resources;
  }

  private static List<JsonNode> asArray(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(list::add);
    } else if (!node.isMissingNode()) {
      list.add(node);
    }
    return list;
  }

  private static Map<String, String> connectorConfiguration() {
    Map<String, String> map = new HashMap<>();
    json(DIR.resolve("connector-configuration.json"))
        .fields()
        .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + file, e);
    }
  }
}
