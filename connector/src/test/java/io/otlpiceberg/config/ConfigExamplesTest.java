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

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsAValidConnectorConfig(Path example) throws IOException {
    JsonNode body = new ObjectMapper().readTree(example.toFile());
    Map<String, String> config = new HashMap<>();
    body.path("config").fields().forEachRemaining(e -> config.put(e.getKey(),
        e.getValue().asText()));
    config.put("name", body.path("name").asText());

    List<String> errors = ConfigValidation.validate(config).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .map(ConfigValue::toString).toList();

    assertThat(body.path("name").asText()).isNotBlank();
    assertThat(config).containsKeys("connector.class", "topics", "value.converter");
    assertThat(errors).as(example.toString()).isEmpty();
  }
}
