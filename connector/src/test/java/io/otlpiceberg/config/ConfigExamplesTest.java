package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in config-examples/ is a POST body the connector's validation accepts. */
class ConfigExamplesTest {

  static Stream<Path> examples() throws IOException {
    Path dir = Path.of(System.getProperty("otlp.configExamples", "../config-examples"));
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(json).isNotEmpty();
      return json.stream();
    }
  }

  /**
   * The MSK Connect configuration is the flat map {@code aws kafkaconnect create-connector
   * --connector-configuration} takes; the connector's name is given separately there.
   */
  @Test
  void mskConnectConfigurationIsAValidConnectorConfig() throws IOException {
    Path file =
        Path.of(System.getProperty("otlp.configExamples", "../config-examples"))
            .resolve("msk-connect")
            .resolve("connector-configuration.json");
    Map<String, String> config = new HashMap<>();
    new ObjectMapper()
        .readTree(file.toFile())
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    config.put("name", "otlp-iceberg");

    List<String> errors =
        ConfigValidation.validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .map(ConfigValue::toString)
            .toList();

    assertThat(errors).isEmpty();
    assertThat(config)
        .containsEntry("iceberg.kafka.sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("iceberg.kafka.security.protocol", "SASL_SSL")
        .containsKeys(
            "iceberg.coordinator.transactional.prefix",
            "iceberg.control.group-id-prefix",
            "iceberg.control.topic");
    assertThat(config.get("iceberg.kafka.bootstrap.servers")).contains(":9098");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsAValidConnectorConfig(Path example) throws IOException {
    JsonNode body = new ObjectMapper().readTree(example.toFile());
    Map<String, String> config = new HashMap<>();
    body.path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    config.put("name", body.path("name").asText());

    List<String> errors =
        ConfigValidation.validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .map(ConfigValue::toString)
            .toList();

    assertThat(body.path("name").asText()).isNotBlank();
    assertThat(config).containsKeys("connector.class", "topics", "value.converter");
    assertThat(errors).as(example.toString()).isEmpty();
  }
}
