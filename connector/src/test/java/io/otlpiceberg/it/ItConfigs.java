package io.otlpiceberg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Connector configs for the ITs: the examples users POST, with test timings laid over them. */
final class ItConfigs {
  private ItConfigs() {}

  /** The "config" object of config-examples/{@code file}, as a user POSTs it. */
  static Map<String, String> example(String file) throws IOException {
    JsonNode json = new ObjectMapper().readTree(ItEnv.configExamples().resolve(file).toFile());
    Map<String, String> config = new LinkedHashMap<>();
    json.path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  /**
   * Points the Iceberg sink's own clients at the test broker, with short commit rounds and earliest
   * reads so a test waits seconds, not minutes.
   */
  static void useTestBrokerAndTimings(Map<String, String> config, String bootstrapServers) {
    config.put("iceberg.kafka.bootstrap.servers", bootstrapServers);
    config.put("iceberg.control.commit.interval-ms", "1000");
    config.put("iceberg.control.commit.timeout-ms", "5000");
    config.put("iceberg.kafka.auto.offset.reset", "earliest");
    // A killed worker's open transactions block read_committed readers until they time out.
    config.put("iceberg.kafka.transaction.timeout.ms", "10000");
  }
}
